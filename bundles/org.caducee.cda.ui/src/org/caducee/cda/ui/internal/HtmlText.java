package org.caducee.cda.ui.internal;

import java.util.regex.Pattern;

/** A readable plain-text form of our HTML rendering, for platforms without an SWT Browser engine. */
final class HtmlText {

    private static final Pattern HEAD = Pattern.compile("(?is)<(head|style|script)[^>]*>.*?</\\1>");
    private static final Pattern ROW_END = Pattern.compile("(?i)</(tr|p|div|h[1-6]|li|table|section|br)\\s*>|<br\\s*/?>");
    private static final Pattern CELL_END = Pattern.compile("(?i)</t[dh]\\s*>");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");

    private HtmlText() {
    }

    static String plain(String html) {
        String s = HEAD.matcher(html).replaceAll("");
        s = CELL_END.matcher(s).replaceAll("    ");
        s = ROW_END.matcher(s).replaceAll("\n");
        s = TAG.matcher(s).replaceAll("");
        s = s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&nbsp;", " ")
                .replace("&amp;", "&");
        StringBuilder out = new StringBuilder();
        for (String line : s.split("\n")) {
            String t = line.strip();
            if (!t.isEmpty()) {
                out.append(t).append('\n');
            }
        }
        return out.toString();
    }
}
