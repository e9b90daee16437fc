package io.herald.article;

/** A photo caption with its credit, taken out of the body text ("... Photo credit: Akorda"). */
public record Photo(String caption, String credit) {
}
