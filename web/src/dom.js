// A small DOM builder. Everything shown from the API (article text, titles, actor names) is
// untrusted, so the app never assigns HTML: strings only ever become text nodes.

/**
 * el("a", {href: "#x", class: "link"}, "text", child) builds an element.
 * Attributes: `class`, `text` (textContent), `on<event>` (listener), booleans, dataset via
 * `data-*`. Children: strings become text nodes, null/false are skipped, arrays are flattened.
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") node.textContent = String(value);
    else if (key.startsWith("on") && typeof value === "function") {
      node.addEventListener(key.slice(2), value);
    } else if (value === true) node.setAttribute(key, "");
    else node.setAttribute(key, String(value));
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Replaces an element's children. */
export function fill(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}

export const $ = (selector, root = document) => root.querySelector(selector);

/** Calls fn once things have been quiet for `ms` milliseconds. */
export function debounce(fn, ms) {
  let timer = null;
  const wrapped = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
  wrapped.cancel = () => clearTimeout(timer);
  return wrapped;
}

/** "1 event", "2 events". */
export const count = (n, word, plural = word + "s") => `${n} ${n === 1 ? word : plural}`;
