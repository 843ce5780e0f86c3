package io.voicegate.bench;

import io.voicegate.core.realtime.UpstreamRefused;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.websocket.client.JettyUpgradeListener;
import org.eclipse.jetty.websocket.core.exception.UpgradeException;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

/** Keeps the status, headers and (bounded) body of a handshake the server answered without switching protocols. */
final class HandshakeRefusal implements JettyUpgradeListener {

    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private volatile Response response;

    @Override
    public void onHandshakeRequest(Request request) {
        request.onResponseContent((response, content) -> {
            synchronized (body) {
                int room = MAX_BODY_BYTES - body.size();
                int take = Math.min(room, content.remaining());
                if (take <= 0) return;
                var bytes = new byte[take];
                content.duplicate().get(bytes);
                body.write(bytes, 0, take);
            }
        });
    }

    @Override
    public void onHandshakeResponse(Request request, Response response) {
        this.response = response;
    }

    Throwable explain(Throwable failure) {
        var cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        var answered = response;
        int status = cause instanceof UpgradeException upgrade ? upgrade.getResponseStatusCode() : 0;
        if (status <= 0 && answered != null && answered.getStatus() != 101) status = answered.getStatus();
        if (status <= 0 || status == 101) return cause;
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (answered != null) {
            answered.getHeaders().forEach(field -> headers.computeIfAbsent(field.getName(), n -> new ArrayList<>()).add(field.getValue()));
        }
        synchronized (body) {
            return new UpstreamRefused(status, headers, body.toByteArray());
        }
    }
}
