package flint.harness.diff;

import java.util.Base64;
import java.util.List;

/**
 * The report pages. A bucket's page runs the recorded calls on the browser's own WebAssembly engine
 * with the same runner script as the Node.js opinions, and shows the browser's answer beside the
 * engines'. The module is embedded as base64 as well as fetched from {@code repro.wasm}, so the
 * page also works from {@code file://}, where browsers refuse fetch().
 */
public final class HtmlPages {
    private HtmlPages() {}

    public static String bucketPage(byte[] module, Finding f) {
        String json;
        try {
            json = FindingJson.LINES.writeValueAsString(f);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        var rows = new StringBuilder();
        f.outcomes().forEach((engine, outcome) -> rows.append("<tr><td>").append(escape(engine)).append("</td><td><code>")
                .append(escape(outcome)).append("</code></td></tr>\n"));
        for (var o : f.thirdOpinions()) {
            rows.append("<tr><td>").append(escape(o.engine())).append("</td><td><code>").append(escape(o.outcome()))
                    .append("</code> (sides with ").append(escape(o.sidesWith())).append(")</td></tr>\n");
        }
        return """
                <!doctype html>
                <html><head><meta charset="utf-8"><title>%1$s</title>
                <style>body{font-family:sans-serif;margin:2em}code,pre{background:#f4f4f4}td{padding:.2em 1em;vertical-align:top}</style>
                </head><body>
                <p><a href="../index.html">all buckets</a></p>
                <h1>%1$s</h1>
                <p>%2$s</p>
                <p>Signature: <code>%3$s</code></p>
                <h2>Outcomes of the diverging step</h2>
                <table>
                %4$s<tr><td><b>this browser</b></td><td><code id="browser">running…</code></td></tr>
                </table>
                <h2>Every call on this browser</h2>
                <pre id="log"></pre>
                <script>
                %5$s
                </script>
                <script>
                const finding = %6$s;
                const embedded = "%7$s";
                function show(o) {
                  if (!o) return 'not reached';
                  if (o.instantiated) return 'instantiated';
                  if (o.returned) return 'returned [' + o.returned.map(v => v.type + ':' + v.value).join(', ') + ']';
                  if (o.trap) return 'trap: ' + o.trap;
                  return JSON.stringify(o);
                }
                async function bytes() {
                  try { const r = await fetch('repro.wasm'); if (r.ok) return new Uint8Array(await r.arrayBuffer()); } catch (e) {}
                  return Uint8Array.from(atob(embedded), c => c.charCodeAt(0));
                }
                (async () => {
                  const result = await runCalls(await bytes(), finding.calls);
                  const step = finding.step === 0 ? result.instantiate : result.calls[finding.step - 1];
                  document.getElementById('browser').textContent = show(step);
                  document.getElementById('log').textContent = ['instantiate: ' + show(result.instantiate)]
                      .concat(result.calls.map((o, i) => finding.calls[i].export + ': ' + show(o))).join('\\n');
                  document.body.setAttribute('data-done', 'true');
                })().catch(e => { document.getElementById('browser').textContent = 'page error: ' + e; });
                </script>
                </body></html>
                """.formatted(escape(f.bucket()), escape(f.summary()), escape(f.signature()), rows,
                NodeRunner.script(), json.replace("</", "<\\/"), Base64.getEncoder().encodeToString(module));
    }

    /** Every bucket, the open ones first, with its triage status. */
    public static String index(List<Finding> findings) {
        var rows = new StringBuilder();
        var sorted = findings.stream().sorted(java.util.Comparator.comparing((Finding f) -> !f.open()).thenComparing(Finding::bucket)).toList();
        for (var f : sorted) {
            var status = f.status().replace("**", "").replace("`", "");
            rows.append("<tr><td><a href=\"").append(escape(f.bucket())).append("/page.html\">").append(escape(f.bucket()))
                    .append("</a></td><td>").append(escape(f.kind())).append("</td><td>").append(escape(f.summary()))
                    .append("</td><td>").append(f.open() ? "<b>" + escape(status) + "</b>" : escape(status))
                    .append("</td><td><a href=\"").append(escape(f.bucket())).append("/README.md\">README</a></td></tr>\n");
        }
        return """
                <!doctype html>
                <html><head><meta charset="utf-8"><title>Flint findings</title>
                <style>body{font-family:sans-serif;margin:2em}td,th{padding:.2em 1em;text-align:left}</style>
                </head><body>
                <h1>Flint findings: %d buckets</h1>
                <table><tr><th>bucket</th><th>kind</th><th>what diverged</th><th>status</th><th></th></tr>
                %s</table>
                </body></html>
                """.formatted(findings.size(), rows);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
