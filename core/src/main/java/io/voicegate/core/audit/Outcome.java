package io.voicegate.core.audit;

/** How an audited action ended. */
public enum Outcome { SUCCESS, FAILURE, DENIED }
