/* /bijdragen/: check the form with the rules of `make check`, write the practice file and
 * open it on GitHub as a proposed new file (a pull request).
 *
 * Loaded by this page only. Every rule, limit and message comes from the JSON block
 * #sam-bijdragen-regels, made at build time by hooks/samsite/pages/form_rules.py from the code
 * `make check` runs; this file only ports the logic (see the tests in
 * tests/test_contribution.py, which run both on the same input). Nothing leaves the
 * browser until the contributor presses the button.
 */
(function () {
  "use strict";

  var rulesBlock = document.getElementById("sam-bijdragen-regels");
  var form = document.getElementById("sam-bijdrage");
  if (!rulesBlock || !form) return;
  var R = JSON.parse(rulesBlock.textContent);

  var WHITESPACE = new RegExp("[" + R.whitespace + "]+", "u");
  var READER = new RegExp(R.reader.pattern, "u");
  var UNSAFE_URL = new RegExp(R.url.unsafe, "u");
  var TITLE_HEADING = new RegExp(R.body.titleHeading);
  var SETEXT_TITLE = new RegExp(R.body.setextTitle);
  var FENCE = new RegExp(R.body.fence);
  var SLUG = new RegExp(R.slug.pattern);

  // A message template; null when make check no longer says this (the rule is then skipped).
  function fill(template, values) {
    if (template === null || template === undefined) return null;
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : whole;
    });
  }

  // Python: " ".join(value.split())
  function collapse(text) {
    return text.split(WHITESPACE).filter(Boolean).join(" ");
  }

  function hex(char) {
    var code = char.codePointAt(0).toString(16);
    return code.length < 4 ? ("0000" + code).slice(-4) : code;
  }

  // -- The file name: scaffold.slugify ------------------------------------------------

  function slugify(title) {
    var text = collapse(title).normalize("NFKD").replace(/[^\x00-\x7f]/g, "").toLowerCase();
    var slug = text.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    if (slug.length > R.slug.max) {
      slug = slug.slice(0, R.slug.max);
      var cut = slug.lastIndexOf("-");
      if (cut >= 0) slug = slug.slice(0, cut);
    }
    return slug;
  }

  // -- Web addresses: validate.check_url ---------------------------------------------

  function balanced(url) {
    var depth = 0;
    for (var i = 0; i < url.length; i++) {
      depth += url[i] === "(" ? 1 : url[i] === ")" ? -1 : 0;
      if (depth < 0) return false;
    }
    return depth === 0;
  }

  function urlProblem(url) {
    var trimmed = url.trim();
    if (!trimmed) return { key: "empty" };
    var match = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(trimmed);
    var scheme = match ? match[1].toLowerCase() : "";
    if (R.url.schemes.indexOf(scheme) < 0) {
      if (scheme) return { key: "scheme", scheme: scheme };
      // validate.url_hint: suggest https:// + the address when it starts with a domain name
      var bare = trimmed.replace(/^\/\//, "");
      var host = bare.split("/")[0];
      var domain = host && host.indexOf(":") < 0 && host.indexOf(".") >= 0 && !UNSAFE_URL.test(bare);
      return domain ? { key: "noScheme", url: trimmed, bare: bare } : { key: "noSchemeNoHint", url: trimmed };
    }
    if (scheme === "http" || scheme === "https") {
      var rest = trimmed.slice(scheme.length + 1);
      var host = rest.slice(0, 2) === "//" ? rest.slice(2).split(/[/?#]/)[0] : "";
      if (!host) return { key: "noDomain" };
    }
    if (UNSAFE_URL.test(trimmed) || !balanced(url)) return { key: "unsafe" };
    return null;
  }

  // -- YAML that reads back as exactly the text typed --------------------------------

  var RESERVED = /^(?:y|n|yes|no|true|false|on|off|null|~)$/i;
  var PLAIN_TEXT = /^\p{L}[\p{L}\p{M}\p{N} .,;'\u2019()&/+!?%\u20ac-]*$/u;
  var PLAIN_URL = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[A-Za-z0-9._~/?#[\]@!$&'()*+,;=%:-]*$/;
  var PLAIN_ID = /^[a-z][a-z0-9-]*$/;
  var ESCAPES = { "\\": "\\\\", '"': '\\"', "\u0085": "\\N", "\u2028": "\\L", "\u2029": "\\P" };

  function quoted(text) {
    return '"' + Array.from(text).map(function (char) {
      if (ESCAPES[char]) return ESCAPES[char];
      var code = char.codePointAt(0);
      if (code < 0x20 || (code >= 0x7f && code < 0xa0) || code === 0xfeff || READER.test(char)) {
        return code > 0xffff ? "\\U" + ("00000000" + code.toString(16)).slice(-8) : "\\u" + ("0000" + code.toString(16)).slice(-4);
      }
      return char;
    }).join("") + '"';
  }

  // inFlow: an item of a [a, b] list, where commas and brackets end a plain value
  function scalar(text, inFlow) {
    var plain = inFlow ? PLAIN_ID.test(text) : PLAIN_TEXT.test(text) || (PLAIN_URL.test(text) && !/:$/.test(text));
    return plain && !RESERVED.test(text) ? text : quoted(text);
  }

  // -- Reading the form ----------------------------------------------------------------

  function controls(name) {
    return Array.prototype.slice.call(form.querySelectorAll('[name="' + name + '"]'));
  }

  function parseLinks(text) {
    return text.split(/\r\n|\r|\n/).map(collapse).filter(Boolean).map(function (line) {
      var words = line.split(" ");
      return { url: words.pop(), title: words.join(" ") };
    });
  }

  function read() {
    var values = {};
    R.fields.forEach(function (field) {
      var found = controls(field.name);
      if (field.kind === "TERMS" || field.kind === "CAHIERS") {
        values[field.name] = found.filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
      } else if (field.kind === "LINKS") {
        values[field.name] = found.length ? parseLinks(found[0].value) : [];
      } else if (field.kind === "YEAR" || field.kind === "NUMBER") {
        values[field.name] = found.length ? found[0].value.trim() : "";
      } else {
        values[field.name] = found.length ? collapse(found[0].value) : "";
      }
    });
    values.body = document.getElementById("v-body").value.replace(/\r\n?/g, "\n");
    return values;
  }

  function isEmpty(value) {
    return value === "" || (Array.isArray(value) && value.length === 0);
  }

  // -- The story -----------------------------------------------------------------------

  // The story as it goes in the file: a template heading with nothing under it (before the
  // next heading of its level or the end) is dropped.
  function story(body) {
    var lines = body.split("\n");
    var headings = R.body.headings.map(function (h) { return "## " + h; });
    var keep = [];
    for (var i = 0; i < lines.length; i++) {
      if (headings.indexOf(lines[i].trim()) >= 0) {
        var next = i + 1;
        while (next < lines.length && !lines[next].trim()) next++;
        if (next >= lines.length || /^#{1,2}\s/.test(lines[next])) {  // a ### under it is content
          i = next - 1;
          continue;
        }
      }
      keep.push(lines[i].replace(/\s+$/, ""));
    }
    return keep.join("\n").replace(/^\n+|\n+$/g, "");
  }

  // reading/anchors.title_headings: level-1 headings outside fenced code
  function titleHeading(text) {
    var lines = text.split("\n");
    var code = [];
    for (var i = 0; i < lines.length; i++) {
      var match = FENCE.exec(lines[i]);
      if (!match) continue;
      for (var j = i + 1; j < lines.length; j++) {
        if (lines[j].replace(/\s+$/, "") === match[1] + match[2]) {
          for (var k = i; k <= j; k++) code[k] = true;
          i = j;
          break;
        }
      }
    }
    for (var n = 0; n < lines.length; n++) {
      if (code[n]) continue;
      var heading = TITLE_HEADING.exec(lines[n]);
      if (heading) return (heading[1] || "").trim();
      if (SETEXT_TITLE.test(lines[n]) && n && !code[n - 1] && lines[n - 1].trim()) return lines[n - 1].trim();
    }
    return null;
  }

  // -- The rules -------------------------------------------------------------------------

  function readerProblem(text) {
    var match = R.reader.message ? READER.exec(text) : null;
    return match ? fill(R.reader.message, { hex: hex(match[0]), HEX: hex(match[0]).toUpperCase() }) : null;
  }

  function textProblem(field, value) {
    var problem = readerProblem(value);
    if (problem) return problem;
    var chars = Array.from(value);
    for (var g = 0; g < (field.refused || []).length; g++) {
      var group = field.refused[g];
      var bad = chars.filter(function (c) { return group.characters.indexOf(c) >= 0; })[0];
      if (bad) return fill(group.message, { hex: hex(bad), HEX: hex(bad).toUpperCase(), char: bad });
    }
    if (field.maxLength && chars.length > field.maxLength) {
      return fill(field.messages.tooLong, { length: String(chars.length) });
    }
    return null;
  }

  function linkProblem(field, links) {
    for (var i = 0; i < links.length; i++) {
      var problem = readerProblem(links[i].title + links[i].url);
      if (!problem) {
        var found = urlProblem(links[i].url);
        problem = found && fill(field.messages[found.key], { scheme: found.scheme || "", url: found.url || "", bare: found.bare || "" });
      }
      if (problem) return (links.length > 1 ? "link " + (i + 1) + ": " : "") + problem;
    }
    return null;
  }

  function problems(values) {
    var found = {};
    R.fields.forEach(function (field) {
      var value = values[field.name];
      if (isEmpty(value)) {
        if (field.required && field.messages.missing) found[field.name] = field.messages.missing;
        return;
      }
      var problem = null;
      if (field.kind === "TEXT") {
        problem = textProblem(field, value);
      } else if (field.kind === "YEAR" || field.kind === "NUMBER") {
        if (!/^[0-9]+$/.test(value)) {
          problem = field.messages.type;
        } else {
          var number = parseInt(value, 10);
          if (number < field.min || (field.max !== null && number > field.max)) {
            problem = fill(field.messages.range, { value: String(number) });
          }
        }
      } else if (field.kind === "LINKS") {
        problem = linkProblem(field, value);
      }
      if (problem) found[field.name] = problem;
    });
    if (values.title && !found.title) {
      var slug = slugify(values.title);
      if (!SLUG.test(slug)) found.title = fill(R.slug.messages.invalid, { title: values.title });
      else if (R.slug.reserved.indexOf(slug) >= 0) found.title = fill(R.slug.messages.reserved, { slug: slug });
      else if (R.slug.existing.indexOf(slug) >= 0) found.title = fill(R.slug.messages.exists, { slug: slug });
    }
    var text = story(values.body);
    var heading = titleHeading(text);
    var bodyProblem = readerProblem(values.body) || (!text.trim() ? R.body.messages.empty : null) ||
      (heading !== null ? fill(R.body.messages.titleHeading, { title: heading }) : null);
    if (bodyProblem) found.body = bodyProblem;
    return found;
  }

  // -- The file and the address ------------------------------------------------------------

  function fileText(values) {
    var lines = ["---"];
    R.fields.forEach(function (field) {
      var value = values[field.name];
      if (isEmpty(value)) return;
      if (field.kind === "TERMS" || field.kind === "CAHIERS") {
        lines.push(field.name + ": [" + value.map(function (v) { return scalar(v, true); }).join(", ") + "]");
      } else if (field.kind === "LINKS") {
        lines.push(field.name + ":");
        value.forEach(function (link) {
          if (link.title) {
            lines.push("  - title: " + scalar(link.title));
            lines.push("    url: " + scalar(link.url));
          } else {
            lines.push("  - url: " + scalar(link.url));
          }
        });
      } else if ((field.kind === "YEAR" || field.kind === "NUMBER") && /^[0-9]+$/.test(value)) {
        lines.push(field.name + ": " + String(parseInt(value, 10)));
      } else {
        lines.push(field.name + ": " + scalar(value));
      }
    });
    lines.push("---", "", story(values.body));
    return lines.join("\n") + "\n";
  }

  function newFileUrl(slug, text) {
    var query = new URLSearchParams({ filename: slug + ".md" });
    if (text !== undefined) query.append("value", text);
    return form.dataset.newFile + "?" + query.toString();
  }

  // -- The page ------------------------------------------------------------------------------

  var button = document.getElementById("pr-link");
  var status = document.getElementById("sam-status");
  var tooLong = document.getElementById("sam-te-lang");
  var preview = document.getElementById("sam-voorbeeld");
  var fileName = document.getElementById("sam-bestandsnaam");
  var shown = {};  // fields whose message is shown: touched, or all after "Controleer"
  var state = null;

  function fieldOf(element) {
    var holder = element.closest("[data-field]");
    return holder ? holder.getAttribute("data-field") : null;
  }

  function render(announce) {
    var values = read();
    var found = problems(values);
    var slug = slugify(values.title) || "naam-van-de-praktijk";
    var text = fileText(values);
    var url = newFileUrl(slug, text);
    var names = Object.keys(found);
    state = { values: values, found: found, slug: slug, text: text, url: url };

    form.querySelectorAll("[data-field]").forEach(function (holder) {
      var name = holder.getAttribute("data-field");
      var error = holder.querySelector("[data-error]");
      var message = shown[name] ? found[name] : null;
      error.textContent = message || "";
      error.hidden = !message;
      holder.querySelectorAll("input, textarea").forEach(function (control) {
        if (message) control.setAttribute("aria-invalid", "true");
        else control.removeAttribute("aria-invalid");
      });
    });
    preview.textContent = text;
    fileName.textContent = "praktijken/" + slug + ".md";
    button.disabled = names.length > 0;
    var long = url.length > R.maxUrlBytes;
    tooLong.hidden = !long;
    tooLong.textContent = long
      ? "Je verhaal is te lang voor één webadres: de knop bewaart je bestand daarom op je toestel en " +
        "kopieert het naar je klembord, en op GitHub plak je het in het grote tekstvak onder de bestandsnaam."
      : "";
    if (announce) {
      status.textContent = names.length
        ? (names.length === 1 ? "Nog 1 veld" : "Nog " + names.length + " velden") +
          " in orde te brengen: " + names.map(labelOf).join(", ") + "."
        : "Alles in orde. Je kan je voorstel openen op GitHub.";
    }
    return state;
  }

  function labelOf(name) {
    if (name === "body") return "Het verhaal";
    var field = R.fields.filter(function (f) { return f.name === name; })[0];
    return field ? field.label : name;
  }

  form.addEventListener("input", function () { render(false); });
  form.addEventListener("change", function (event) {
    var name = fieldOf(event.target);
    if (name) shown[name] = true;
    render(true);
  });
  form.addEventListener("focusout", function (event) {
    var name = fieldOf(event.target);
    if (name && event.target.value) shown[name] = true;
    render(false);
  });

  document.getElementById("sam-controleer").addEventListener("click", function () {
    form.querySelectorAll("[data-field]").forEach(function (holder) {
      shown[holder.getAttribute("data-field")] = true;
    });
    var current = render(true);
    var first = Object.keys(current.found)[0];
    if (first) {
      var holder = form.querySelector('[data-field="' + first + '"]');
      holder.querySelector("input, textarea").focus();
    }
  });

  function download(name, text) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: "text/markdown;charset=utf-8" }));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  button.addEventListener("click", function () {
    var current = render(true);
    if (Object.keys(current.found).length) return;
    if (current.url.length <= R.maxUrlBytes) {
      window.open(current.url, "_blank", "noopener");
      return;
    }
    download(current.slug + ".md", current.text);
    if (navigator.clipboard) navigator.clipboard.writeText(current.text).catch(function () {});
    window.open(newFileUrl(current.slug), "_blank", "noopener");
  });

  // A copy to paste by hand, e.g. when GitHub first asks to make a fork and forgets the text.
  document.getElementById("sam-kopieer").addEventListener("click", function () {
    var done = document.getElementById("sam-gekopieerd");
    var text = render(false).text;
    if (!navigator.clipboard) {
      done.textContent = "Kopiëren lukt niet in deze browser: selecteer de tekst hierboven en kopieer ze.";
      return;
    }
    navigator.clipboard.writeText(text).then(function () {
      done.textContent = "Gekopieerd. Plak het op GitHub in het grote tekstvak.";
    }, function () {
      done.textContent = "Kopiëren lukt niet in deze browser: selecteer de tekst hierboven en kopieer ze.";
    });
  });

  render(false);

  // For the tests, which run this port and the Python rules on the same input.
  window.samBijdrage = {
    slugify: slugify, scalar: scalar, urlProblem: urlProblem, problems: problems,
    fileText: fileText, read: read, state: function () { return state; }
  };
})();
