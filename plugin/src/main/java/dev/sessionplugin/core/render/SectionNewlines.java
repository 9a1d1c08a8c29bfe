package dev.sessionplugin.core.render;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps the line break after a section's closing tag that ends a line of text. Mustache.java treats a closing tag
 * as standalone (and drops the line break after it) whenever its section opened at the start of a line and spans
 * lines, even when text precedes the closing tag: {@code {{#incremental}}WHERE a\n  AND b{{/incremental}}\nGROUP BY}
 * would render {@code AND bGROUP BY}. Doubling that one line break before parsing leaves exactly the template's
 * lines in the output, so SQL stays valid and engine line numbers still match the file.
 */
final class SectionNewlines {

    private static final Pattern TAG = Pattern.compile("\\{\\{([#^/])[^}]*}}");

    private SectionNewlines() {
    }

    static String keep(String template) {
        Matcher tag = TAG.matcher(template);
        Deque<int[]> open = new ArrayDeque<>(); // per open section: 1 when only blanks precede it, its line
        StringBuilder out = new StringBuilder();
        int copied = 0;
        int line = 1;
        int counted = 0;
        while (tag.find()) {
            for (; counted < tag.start(); counted++) {
                line += template.charAt(counted) == '\n' ? 1 : 0;
            }
            boolean blankBefore = template.substring(template.lastIndexOf('\n', tag.start() - 1) + 1, tag.start())
                    .isBlank();
            if (tag.group(1).charAt(0) != '/') {
                open.push(new int[] {blankBefore ? 1 : 0, line});
                continue;
            }
            int[] section = open.poll();
            int end = template.indexOf('\n', tag.end());
            if (section == null || end < 0) {
                continue;
            }
            boolean blankAfter = template.substring(tag.end(), end).isBlank();
            if (section[0] == 1 && line > section[1] && blankAfter && !blankBefore) {
                out.append(template, copied, end).append('\n');
                copied = end;
            }
        }
        return out.append(template.substring(copied)).toString();
    }
}
