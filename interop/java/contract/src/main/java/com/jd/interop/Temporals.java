package com.jd.interop;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Objects;

/**
 * A JDK 8-era DTO: java.time values, a BigInteger and a BigDecimal. hessian-lite writes each java.time
 * value as a {@code com.alibaba.com.caucho.hessian.io.java8.*Handle} object and the BigInteger with
 * its raw fields ({@code signum}, {@code mag}, …). Field names and Java types are part of the wire
 * contract.
 */
public class Temporals implements Serializable {
    private static final long serialVersionUID = 1L;

    private LocalDate date;
    private LocalTime time;
    private LocalDateTime dateTime;
    private Instant instant;
    private Duration duration;
    private BigInteger big;
    private BigDecimal decimal;

    public Temporals() {}

    public Temporals(LocalDate date, LocalTime time, LocalDateTime dateTime, Instant instant, Duration duration,
            BigInteger big, BigDecimal decimal) {
        this.date = date;
        this.time = time;
        this.dateTime = dateTime;
        this.instant = instant;
        this.duration = duration;
        this.big = big;
        this.decimal = decimal;
    }

    public LocalDate getDate() { return date; }
    public void setDate(LocalDate date) { this.date = date; }
    public LocalTime getTime() { return time; }
    public void setTime(LocalTime time) { this.time = time; }
    public LocalDateTime getDateTime() { return dateTime; }
    public void setDateTime(LocalDateTime dateTime) { this.dateTime = dateTime; }
    public Instant getInstant() { return instant; }
    public void setInstant(Instant instant) { this.instant = instant; }
    public Duration getDuration() { return duration; }
    public void setDuration(Duration duration) { this.duration = duration; }
    public BigInteger getBig() { return big; }
    public void setBig(BigInteger big) { this.big = big; }
    public BigDecimal getDecimal() { return decimal; }
    public void setDecimal(BigDecimal decimal) { this.decimal = decimal; }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Temporals)) return false;
        Temporals t = (Temporals) o;
        return Objects.equals(date, t.date) && Objects.equals(time, t.time) && Objects.equals(dateTime, t.dateTime)
                && Objects.equals(instant, t.instant) && Objects.equals(duration, t.duration) && Objects.equals(big, t.big)
                && Objects.equals(decimal, t.decimal);
    }

    @Override
    public int hashCode() { return Objects.hash(date, time, dateTime, instant, duration, big, decimal); }

    @Override
    public String toString() {
        return "Temporals{date=" + date + ", time=" + time + ", dateTime=" + dateTime + ", instant=" + instant
                + ", duration=" + duration + ", big=" + big + ", decimal=" + decimal + "}";
    }
}
