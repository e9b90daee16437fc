package io.herald.digest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    private record Rule(String selector, int[] specificity, int order, String declarations) {}

    public String inline(String html) {
        Document doc = Jsoup.parse(html);
        doc.outputSettings().prettyPrint(false).charset(StandardCharsets.UTF_8);
        List<Rule> rules = new ArrayList<>();
        StringBuilder kept = new StringBuilder();
        for (Element style : doc.select("style")) {
            CascadingStyleSheet css = CSSReader.readFromString(style.data(), StandardCharsets.UTF_8, ECSSVersion.CSS30);
            if (css == null) {
                // Unparseable: leave it as the editor wrote it rather than lose it.
                continue;
            }
            for (ICSSTopLevelRule top : css.getAllRules()) {
                if (top instanceof CSSStyleRule rule && !hasPseudo(rule)) {
                    String declarations = declarations(rule);
                    for (CSSSelector selector : rule.getAllSelectors()) {
                        String text = selector.getAsCSSString(WRITER);
                        rules.add(new Rule(text, specificity(text), rules.size(), declarations));
                    }
                } else {
                    kept.append(top.getAsCSSString(WRITER)).append('\n');
                }
            }
            style.remove();
        }
        rules.sort(Comparator.comparing((Rule r) -> r.specificity(), CssInliner::compare)
                .thenComparingInt(Rule::order));
        Map<Element, StringBuilder> computed = new LinkedHashMap<>();
        for (Rule rule : rules) {
            for (Element element : select(doc, rule.selector())) {
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

    private static List<Element> select(Document doc, String selector) {
        try {
            return doc.select(selector);
        } catch (Selector.SelectorParseException unsupported) {
            return List.of();
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
