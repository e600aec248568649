// The brand management page: plain ES module, no build step. Every brand it shows comes from the
// JSON endpoints of jd-sellergoods-web, which call BrandService over Dubbo; the `X-Provider`
// response header names the provider instance that answered.

const $ = (id) => document.getElementById(id);

const state = {
  page: 1,
  rows: 10,
  total: 0,
  example: { name: "", firstChar: "" },
  /** Brands on the current page, by id. */
  brands: new Map(),
  selected: new Set(),
  editing: null,
  history: [],
  /** Calls answered per provider address since the page was opened. */
  counts: new Map(),
};

const PROVIDER_COLORS = ["#22c55e", "#f59e0b", "#38bdf8", "#e879f9", "#f87171", "#a3e635"];
const providerColors = new Map();

/** A failed endpoint call, with the server's message and error code when it sent them. */
class ApiError extends Error {
  constructor(message, status, code) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function api(method, url, body) {
  let response;
  try {
    response = await fetch(url, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new ApiError(`the web app does not answer (${err.message})`, 0, "Offline");
  }
  showProvider(response.headers.get("x-provider"));
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok || (data && data.success === false)) {
    throw new ApiError(data?.message ?? `HTTP ${response.status}`, response.status, data?.code);
  }
  hideBanner();
  return data;
}

function showProvider(address) {
  if (!address) return;
  if (!providerColors.has(address)) {
    providerColors.set(address, PROVIDER_COLORS[providerColors.size % PROVIDER_COLORS.length]);
  }
  const color = providerColors.get(address);
  $("provider-address").textContent = address;
  $("provider-dot").style.background = color;
  state.history = [...state.history, address].slice(-12);
  state.counts.set(address, (state.counts.get(address) ?? 0) + 1);
  $("provider-legend").replaceChildren(
    ...[...state.counts].map(([a, n]) => {
      const item = document.createElement("span");
      const dot = document.createElement("i");
      dot.style.background = providerColors.get(a);
      item.append(dot, `${a} · ${n} call${n > 1 ? "s" : ""}`);
      return item;
    }),
  );
  $("provider-history").replaceChildren(
    ...state.history.map((a) => {
      const dot = document.createElement("span");
      dot.style.background = providerColors.get(a);
      dot.title = a;
      return dot;
    }),
  );
}

function showBanner(err) {
  // NoInvoker: the registry lists none; Network: every listed one failed to answer.
  const noProvider = err.code === "NoInvoker" || err.code === "Network";
  $("banner-title").textContent = noProvider
    ? "No BrandService provider is available."
    : "The request failed.";
  $("banner-hint").textContent = noProvider
    ? "Start sellergoods-service, or wait until ZooKeeper reports one, then retry."
    : "";
  $("banner-text").textContent = err.message;
  $("banner").hidden = false;
}

function hideBanner() {
  $("banner").hidden = true;
}

let toastTimer;
function toast(message) {
  $("toast").textContent = message;
  $("toast").hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => {
    $("toast").hidden = true;
  }, 2500);
}

function searching() {
  return state.example.name !== "" || state.example.firstChar !== "";
}

async function load() {
  const query = `page=${state.page}&rows=${state.rows}`;
  let result;
  try {
    result = searching()
      ? await api("POST", `/brand/search?${query}`, state.example)
      : await api("GET", `/brand/findPage?${query}`);
  } catch (err) {
    showBanner(err);
    return;
  }
  const pages = Math.max(1, Math.ceil(result.total / state.rows));
  if (state.page > pages) {
    state.page = pages;
    return load();
  }
  state.total = result.total;
  state.brands = new Map(result.rows.map((b) => [b.id, b]));
  render(result.rows);
}

function cell(className, content) {
  const td = document.createElement("td");
  if (className) td.className = className;
  if (content instanceof Node) td.append(content);
  else td.textContent = content ?? "";
  return td;
}

function render(rows) {
  const tbody = $("rows");
  tbody.replaceChildren(
    ...rows.map((brand) => {
      const tr = document.createElement("tr");
      tr.dataset.id = String(brand.id);
      tr.classList.toggle("selected", state.selected.has(brand.id));
      const box = document.createElement("input");
      box.type = "checkbox";
      box.checked = state.selected.has(brand.id);
      box.setAttribute("aria-label", `Select ${brand.name}`);
      box.addEventListener("change", () => {
        if (box.checked) state.selected.add(brand.id);
        else state.selected.delete(brand.id);
        tr.classList.toggle("selected", box.checked);
        renderSelection();
      });
      const letter = document.createElement("span");
      letter.className = "letter";
      letter.textContent = brand.firstChar ?? "–";
      const edit = document.createElement("button");
      edit.type = "button";
      edit.className = "small";
      edit.textContent = "Edit";
      edit.addEventListener("click", () => openEditor(brand));
      tr.append(
        cell("check", box),
        cell("id", String(brand.id)),
        cell("name", brand.name),
        cell("first", letter),
        cell("actions", edit),
      );
      return tr;
    }),
  );
  $("empty").hidden = rows.length > 0;
  const from = rows.length ? (state.page - 1) * state.rows + 1 : 0;
  $("summary").textContent =
    `${from}–${from + rows.length - (rows.length ? 1 : 0)} of ${state.total} brands`;
  renderPager();
  renderSelection();
}

function renderPager() {
  const pages = Math.max(1, Math.ceil(state.total / state.rows));
  $("prev-page").disabled = state.page <= 1;
  $("next-page").disabled = state.page >= pages;
  const numbers = [];
  for (let p = 1; p <= pages; p++) {
    if (p === 1 || p === pages || Math.abs(p - state.page) <= 2) numbers.push(p);
    else if (numbers.at(-1) !== "…") numbers.push("…");
  }
  $("page-numbers").replaceChildren(
    ...numbers.map((p) => {
      if (p === "…") {
        const gap = document.createElement("span");
        gap.className = "gap";
        gap.textContent = "…";
        return gap;
      }
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = String(p);
      button.dataset.page = String(p);
      if (p === state.page) {
        button.className = "current";
        button.setAttribute("aria-current", "page");
      }
      button.addEventListener("click", () => goTo(p));
      return button;
    }),
  );
}

function renderSelection() {
  const count = state.selected.size;
  $("delete-button").disabled = count === 0;
  $("selection").textContent = count ? `${count} selected` : "";
  const onPage = [...state.brands.keys()];
  $("select-all").checked = onPage.length > 0 && onPage.every((id) => state.selected.has(id));
}

function goTo(page) {
  state.page = page;
  return load();
}

function openEditor(brand) {
  state.editing = brand ?? null;
  $("dialog-title").textContent = brand ? `Edit brand #${brand.id}` : "New brand";
  $("brand-name").value = brand?.name ?? "";
  $("brand-first").value = brand?.firstChar ?? "";
  $("dialog-error").hidden = true;
  $("brand-dialog").showModal();
  $("brand-name").focus();
}

async function saveBrand(event) {
  event.preventDefault();
  const brand = {
    name: $("brand-name").value.trim(),
    firstChar: $("brand-first").value.trim().toUpperCase(),
  };
  const editing = state.editing;
  if (editing) brand.id = editing.id;
  $("dialog-save").disabled = true;
  try {
    const result = await api("POST", editing ? "/brand/update" : "/brand/add", brand);
    $("brand-dialog").close();
    toast(result.message);
    await load();
  } catch (err) {
    $("dialog-error").textContent = err.message;
    $("dialog-error").hidden = false;
  } finally {
    $("dialog-save").disabled = false;
  }
}

function askDelete() {
  const names = [...state.selected].map((id) => state.brands.get(id)?.name ?? `#${id}`);
  $("confirm-text").textContent =
    `Delete ${names.length} brand${names.length > 1 ? "s" : ""}: ${names.join(", ")}?`;
  $("confirm-error").hidden = true;
  $("confirm-dialog").showModal();
}

async function deleteSelected() {
  $("confirm-ok").disabled = true;
  try {
    const result = await api("GET", `/brand/delete?ids=${[...state.selected].join(",")}`);
    state.selected.clear();
    $("confirm-dialog").close();
    toast(result.message);
    await load();
  } catch (err) {
    $("confirm-error").textContent = err.message;
    $("confirm-error").hidden = false;
  } finally {
    $("confirm-ok").disabled = false;
  }
}

$("search-form").addEventListener("submit", (event) => {
  event.preventDefault();
  state.example = {
    name: $("search-name").value.trim(),
    firstChar: $("search-first").value.trim().toUpperCase(),
  };
  state.page = 1;
  load();
});
$("search-reset").addEventListener("click", () => {
  $("search-form").reset();
  state.example = { name: "", firstChar: "" };
  state.page = 1;
  load();
});
$("select-all").addEventListener("change", (event) => {
  for (const id of state.brands.keys()) {
    if (event.target.checked) state.selected.add(id);
    else state.selected.delete(id);
  }
  render([...state.brands.values()]);
});
$("page-size").addEventListener("change", (event) => {
  state.rows = Number(event.target.value);
  state.page = 1;
  load();
});
$("prev-page").addEventListener("click", () => goTo(state.page - 1));
$("next-page").addEventListener("click", () => goTo(state.page + 1));
$("add-button").addEventListener("click", () => openEditor(null));
$("brand-form").addEventListener("submit", saveBrand);
$("dialog-cancel").addEventListener("click", () => $("brand-dialog").close());
$("delete-button").addEventListener("click", askDelete);
$("confirm-cancel").addEventListener("click", () => $("confirm-dialog").close());
$("confirm-ok").addEventListener("click", deleteSelected);
$("banner-retry").addEventListener("click", () => load());

load();
