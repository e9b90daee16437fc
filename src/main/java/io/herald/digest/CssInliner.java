package io.herald.digest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.helger.css.ECSSVersion;
import com.helger.css.decl.CSSDeclaration;
import com.helger.css.decl.CSSSelector;
import com.helger.css.decl.CSSStyleRule;
import com.helger.css.decl.CascadingStyleSheet;
import com.helger.css.decl.ICSSTopLevelRule;
import com.helger.css.reader.CSSReader;
import com.helger.css.writer.CSSWriterSettings;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.Selector;

/**
 * Moves the CSS of an email's &lt;style&gt; blocks into style attributes, because many mail clients drop
 * &lt;style&gt; (Gmail's apps for non-Google accounts, Outlook). Rules are applied in specificity order, then source
 * order; declarations already inline win. At-rules (@media, prefers-color-scheme) cannot be inlined and stay in one
 * &lt;style&gt; in the head, where the clients that understand them read them. CSS is parsed by ph-css and HTML by
 * jsoup; neither is written by hand.
 */
public final class CssInliner {

    private static final CSSWriterSettings WRITER = new CSSWriterSettings(ECSSVersion.CSS30, true);
    /**
     * Style blocks kept parsed: a list's template has one or two, and a send renders them again for every reader
     * whose message is built in full (parsing them was most of such a message's CPU). Bounded, for editors who
     * change their templates all day.
     */
    private static final int BLOCKS_KEPT = 32;

    /** One rule of a style block; {@code selector} is null for a selector jsoup cannot evaluate. */
    private record Rule(Evaluator selector, int[] specificity, String declarations) {}

    /** A style block as parsed once: its inlinable rules in source order and the rest, or null for unparseable. */
    private record Block(List<Rule> rules, String kept) {}

    private record Ordered(Rule rule, int order) {}

    private final Map<String, Optional<Block>> blocks = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<Block>> eldest) {
            return size() > BLOCKS_KEPT;
        }
    };

    public String inline(String html) {
        Document doc = Jsoup.parse(html);
        doc.outputSettings().prettyPrint(false).charset(StandardCharsets.UTF_8);
        List<Ordered> rules = new ArrayList<>();
        StringBuilder kept = new StringBuilder();
        for (Element style : doc.select("style")) {
            Optional<Block> block = block(style.data());
            if (block.isEmpty()) {
                // Unparseable: leave it as the editor wrote it rather than lose it.
                continue;
            }
            for (Rule rule : block.get().rules()) {
                rules.add(new Ordered(rule, rules.size()));
            }
            kept.append(block.get().kept());
            style.remove();
        }
        rules.sort(Comparator.comparing((Ordered o) -> o.rule().specificity(), CssInliner::compare)
                .thenComparingInt(Ordered::order));
        Map<Element, StringBuilder> computed = new LinkedHashMap<>();
        for (Ordered ordered : rules) {
            Rule rule = ordered.rule();
            if (rule.selector() == null) {
                continue;
            }
            for (Element element : doc.select(rule.selector())) {
                computed.computeIfAbsent(element, e -> new StringBuilder()).append(rule.declarations());
            }
        }
        computed.forEach((element, styles) -> {
            String inline = element.attr("style");
            element.attr("style", styles + inline);
        });
        if (kept.length() > 0) {
            doc.head().appendElement("style").appendChild(new org.jsoup.nodes.DataNode(kept.toString()));
        }
        return doc.outerHtml();
    }

    private Optional<Block> block(String text) {
        synchronized (blocks) {
            Optional<Block> known = blocks.get(text);
            if (known != null) {
                return known;
            }
        }
        Optional<Block> parsed = Optional.ofNullable(parse(text));
        synchronized (blocks) {
            blocks.put(text, parsed);
        }
        return parsed;
    }

    private static Block parse(String text) {
        CascadingStyleSheet css = CSSReader.readFromString(text, StandardCharsets.UTF_8, ECSSVersion.CSS30);
        if (css == null) {
            return null;
        }
        List<Rule> rules = new ArrayList<>();
        StringBuilder kept = new StringBuilder();
        for (ICSSTopLevelRule top : css.getAllRules()) {
            if (top instanceof CSSStyleRule rule && !hasPseudo(rule)) {
                String declarations = declarations(rule);
                for (CSSSelector selector : rule.getAllSelectors()) {
                    String selectorText = selector.getAsCSSString(WRITER);
                    rules.add(new Rule(evaluator(selectorText), specificity(selectorText), declarations));
                }
            } else {
                kept.append(top.getAsCSSString(WRITER)).append('\n');
            }
        }
        return new Block(List.copyOf(rules), kept.toString());
    }

    /** jsoup's compiled selector (thread-safe, reused for every document), or null where jsoup has none. */
    private static Evaluator evaluator(String selector) {
        try {
            return Selector.evaluatorOf(selector);
        } catch (Selector.SelectorParseException unsupported) {
            return null;
        }
    }

    /** Rules for :hover and the like only apply in a live document: they stay in the head. */
    private static boolean hasPseudo(CSSStyleRule rule) {
        return rule.getAllSelectors().stream()
                .anyMatch(s -> s.getAsCSSString(WRITER).contains(":"));
    }

    private static String declarations(CSSStyleRule rule) {
        StringBuilder out = new StringBuilder();
        for (CSSDeclaration d : rule.getAllDeclarations()) {
            out.append(d.getProperty()).append(':').append(d.getExpressionAsCSSString());
            if (d.isImportant()) {
                out.append(" !important");
            }
            out.append(';');
        }
        return out.toString();
    }

    /** (ids, classes and attributes, elements): enough for the selectors email CSS uses. */
    static int[] specificity(String selector) {
        int ids = 0;
        int classes = 0;
        int elements = 0;
        for (String part : selector.split("[\\s>+~]+")) {
            if (part.isEmpty()) {
                continue;
            }
            ids += count(part, '#');
            classes += count(part, '.') + count(part, '[');
            if (Character.isLetter(part.charAt(0))) {
                elements++;
            }
        }
        return new int[] {ids, classes, elements};
    }

    private static int count(String s, char c) {
        return (int) s.chars().filter(ch -> ch == c).count();
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < 3; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return 0;
    }
}
