package io.voicegate.core.postcall;

/** Who said a line of a call's transcript. */
public enum Speaker { USER, AGENT }
