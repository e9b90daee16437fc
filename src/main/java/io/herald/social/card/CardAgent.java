package io.herald.social.card;

import java.awt.Dimension;
import java.awt.geom.Dimension2D;
import java.util.List;

import org.apache.batik.bridge.EmbededExternalResourceSecurity;
import org.apache.batik.bridge.ExternalResourceSecurity;
import org.apache.batik.bridge.NoLoadScriptSecurity;
import org.apache.batik.bridge.ScriptSecurity;
import org.apache.batik.bridge.UserAgentAdapter;
import org.apache.batik.util.ParsedURL;

/** Batik's view of the outside: the card's size, no scripts, nothing loaded but inlined data. */
final class CardAgent extends UserAgentAdapter {
    private final CardFormat format;
    private final List<String> problems;

    CardAgent(CardFormat format, List<String> problems) {
        this.format = format;
        this.problems = problems;
    }

    @Override
    public Dimension2D getViewportSize() {
        return new Dimension(format.width(), format.height());
    }

    @Override
    public ScriptSecurity getScriptSecurity(String scriptType, ParsedURL scriptURL, ParsedURL docURL) {
        return new NoLoadScriptSecurity(scriptType);
    }

    @Override
    public ExternalResourceSecurity getExternalResourceSecurity(ParsedURL resourceURL, ParsedURL docURL) {
        return new EmbededExternalResourceSecurity(resourceURL);
    }

    @Override
    public void displayError(Exception e) {
        problems.add("the layout could not be drawn as written: " + e.getMessage());
    }

    @Override
    public void displayMessage(String message) {
        problems.add(message);
    }
}
