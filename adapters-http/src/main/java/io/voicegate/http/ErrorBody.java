package io.voicegate.http;

import io.javalin.http.Context;
import io.voicegate.core.VoicegateException;

/**
 * How one surface writes errors: RFC 9457 problem+json on Voicegate's own API, OpenAI's error object on
 * {@code /openai/v1}. Implementations never include a stack trace, class name or SQL.
 */
interface ErrorBody {

    void write(Context ctx, int status, String code, String title, String detail, VoicegateException cause);
}
