package io.tagprocessor.chaos.model;

/** A tag as the model knows it; mutable because a rename changes the names of the same tag. */
public final class TagModel {

    String normalized;
    String display;
    String description;
    String color;

    TagModel(String normalized, String display, String description, String color) {
        this.normalized = normalized;
        this.display = display;
        this.description = description;
        this.color = color;
    }

    public String normalized() {
        return normalized;
    }

    public String display() {
        return display;
    }

    public String description() {
        return description;
    }

    public String color() {
        return color;
    }
}
