package com.jd.interop.trace;

/** One hop of a traced call chain: answers with the W3C traceparent attachment it received. */
public interface TraceService {
  String hop(String from);
}
