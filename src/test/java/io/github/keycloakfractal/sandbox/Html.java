package io.github.keycloakfractal.sandbox;

/** Escaping and the shared page frame of the sandbox's HTML pages. */
final class Html {
    static final String TITLE = "Fractal ID sandbox";

    private static final String STYLE = """
            *{box-sizing:border-box}
            body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;background:#f3f4f8;
              font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1c1f2b}
            main{background:#fff;width:min(520px,94vw);padding:28px 32px;border-radius:14px;box-shadow:0 8px 30px rgba(20,24,60,.10)}
            h1{font-size:20px;margin:0 0 4px}
            .badge{display:inline-block;font-size:11px;letter-spacing:.06em;text-transform:uppercase;color:#5b3df5;
              background:#eeeaff;border-radius:999px;padding:2px 10px;margin-bottom:14px}
            ul{padding-left:18px;margin:8px 0 18px}
            li code{background:#f3f4f8;border-radius:4px;padding:1px 5px;font-size:13px}
            label{display:block;font-weight:600;margin:6px 0}
            select{width:100%;padding:9px;border:1px solid #cfd2dc;border-radius:8px;font-size:15px;background:#fff}
            .actions{display:flex;gap:10px;margin-top:20px}
            button{flex:1;padding:11px;border-radius:8px;font-size:15px;font-weight:600;cursor:pointer;border:1px solid #5b3df5}
            #approve{background:#5b3df5;color:#fff}
            #deny{background:#fff;color:#5b3df5}
            #kraken-approve{background:#5b3df5;color:#fff}
            #kraken-pending,#kraken-reject{background:#fff;color:#5b3df5}
            input[type=text]{width:100%;padding:9px;border:1px solid #cfd2dc;border-radius:8px;font-size:15px}
            .note{color:#6b7080;font-size:12px;margin-top:18px}
            .error{color:#b42318}
            table{border-collapse:collapse;width:100%;font-size:13px}
            td{padding:4px 6px;border-top:1px solid #eceef3;vertical-align:top}
            """;

    private Html() {
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A complete page titled {@value #TITLE}; {@code body} must already be escaped HTML. */
    static String page(String body) {
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                + "<title>" + TITLE + "</title><style>" + STYLE + "</style></head>\n<body><main>"
                + "<div class=\"badge\">Sandbox &middot; not the real Fractal</div>\n"
                + body + "\n</main></body></html>\n";
    }

    /** The page an authorization server shows instead of redirecting, when it cannot trust the redirect URI. */
    static String errorPage(String title, String description) {
        return page("<h1>" + escape(title) + "</h1>\n<p class=\"error\">" + escape(description) + "</p>");
    }
}
