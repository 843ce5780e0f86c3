package io.voicegate.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.voicegate.core.audit.RequestContext;
import io.voicegate.core.identity.LogIn;
import io.voicegate.core.identity.LogOut;
import io.voicegate.core.identity.Password;
import io.voicegate.core.identity.RefreshSession;
import io.voicegate.core.identity.RegisterUser;
import io.voicegate.core.identity.ShowCurrentUser;
import io.voicegate.core.identity.SignedIn;
import io.voicegate.core.identity.Unauthenticated;
import io.voicegate.core.identity.User;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code /api/v1/auth/*} (register, login, me, refresh, logout) and {@code /.well-known/jwks.json}. Browsers get
 * their tokens only as HttpOnly cookies; a native client that asks for {@code "delivery": "body"} gets them in the
 * JSON instead and no cookie. Refresh and logout take the refresh token from the cookie or the body and answer in
 * the form they were asked in.
 */
public final class AuthEndpoints implements Endpoints {

    /** The identity use cases the routes call. */
    public record UseCases(RegisterUser register, LogIn logIn, RefreshSession refresh, LogOut logOut,
                           ShowCurrentUser currentUser) {
        public UseCases {
            Objects.requireNonNull(register, "register");
            Objects.requireNonNull(logIn, "logIn");
            Objects.requireNonNull(refresh, "refresh");
            Objects.requireNonNull(logOut, "logOut");
            Objects.requireNonNull(currentUser, "currentUser");
        }
    }

    record RegisterBody(String email, String password, String displayName, String delivery) {
    }

    record LoginBody(String email, String password, String delivery) {
    }

    record RefreshBody(String refreshToken) {
    }

    private final UseCases useCases;
    private final Authenticator authenticator;
    private final AuthCookies cookies;
    private final Guards guards;
    private final Supplier<String> jwks;
    private final Clock clock;
    private final RequestBodies bodies = new RequestBodies(Json.mapper());

    public AuthEndpoints(UseCases useCases, Authenticator authenticator, AuthCookies cookies, Guards guards,
                         Supplier<String> jwks, Clock clock) {
        this.useCases = Objects.requireNonNull(useCases, "useCases");
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.cookies = Objects.requireNonNull(cookies, "cookies");
        this.guards = Objects.requireNonNull(guards, "guards");
        this.jwks = Objects.requireNonNull(jwks, "jwks");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post("/api/v1/auth/register", this::register);
        routes.post("/api/v1/auth/login", this::login);
        routes.get("/api/v1/auth/me", this::me);
        routes.post("/api/v1/auth/refresh", this::refresh);
        routes.post("/api/v1/auth/logout", this::logout);
        routes.get("/.well-known/jwks.json", ctx -> ctx.header("Cache-Control", "public, max-age=300")
                .contentType("application/json").result(jwks.get()));
    }

    @Override
    public List<String> openApiFragments() {
        return List.of("auth-openapi.json");
    }

    private void register(Context ctx) {
        guards.authAttempt(ctx);
        var body = bodies.read(ctx, RegisterBody.class);
        boolean inBody = delivery(body.delivery());
        var signedIn = useCases.register().handle(new RegisterUser.Command(required(body.email(), "email"),
                new Password(required(body.password(), "password")), Optional.ofNullable(body.displayName()),
                request(ctx)));
        answer(ctx.status(201), signedIn, inBody);
    }

    private void login(Context ctx) {
        guards.authAttempt(ctx);
        var body = bodies.read(ctx, LoginBody.class);
        boolean inBody = delivery(body.delivery());
        var signedIn = useCases.logIn().handle(new LogIn.Command(required(body.email(), "email"),
                new Password(required(body.password(), "password")), request(ctx)));
        answer(ctx.status(200), signedIn, inBody);
    }

    private void me(Context ctx) {
        var user = useCases.currentUser().handle(authenticator.require(ctx), request(ctx));
        ctx.header("Cache-Control", "no-store").json(Map.of("user", view(user)));
    }

    private void refresh(Context ctx) {
        guards.authAttempt(ctx);
        var fromBody = refreshTokenInBody(ctx);
        var token = fromBody.or(() -> refreshCookie(ctx)).orElseThrow(Unauthenticated::new);
        if (fromBody.isEmpty()) guards.origins().requireCsrfSafe(ctx);
        var signedIn = useCases.refresh().handle(new RefreshSession.Command(token, request(ctx)));
        answer(ctx.status(200), signedIn, fromBody.isPresent());
    }

    private void logout(Context ctx) {
        guards.origins().requireAllowedOrigin(ctx);
        var fromBody = refreshTokenInBody(ctx);
        if (fromBody.isEmpty() && refreshCookie(ctx).isPresent()) guards.origins().requireCsrfSafe(ctx);
        fromBody.or(() -> refreshCookie(ctx))
                .ifPresent(token -> useCases.logOut().handle(new LogOut.Command(token, request(ctx))));
        if (fromBody.isEmpty()) cookies.clear(ctx);
        ctx.status(204);
    }

    private void answer(Context ctx, SignedIn signedIn, boolean inBody) {
        ctx.header("Cache-Control", "no-store");
        var json = new LinkedHashMap<String, Object>();
        json.put("user", view(signedIn.user()));
        if (inBody) {
            var tokens = signedIn.tokens();
            json.put("access_token", tokens.access().value());
            json.put("token_type", "Bearer");
            json.put("expires_in", Math.max(0, Duration.between(clock.instant(), tokens.access().expiresAt()).toSeconds()));
            json.put("refresh_token", tokens.refreshToken());
        } else {
            cookies.set(ctx, signedIn.tokens(), clock);
        }
        ctx.json(json);
    }

    private Optional<String> refreshTokenInBody(Context ctx) {
        if (ctx.bodyAsBytes().length == 0) return Optional.empty();
        var body = bodies.read(ctx, RefreshBody.class);
        return Optional.ofNullable(body.refreshToken()).filter(t -> !t.isBlank());
    }

    private Optional<String> refreshCookie(Context ctx) {
        return Optional.ofNullable(ctx.cookie(cookies.refreshName())).filter(c -> !c.isBlank());
    }

    private RequestContext request(Context ctx) {
        return RequestContext.of(RequestIds.of(ctx), guards.clientAddress(ctx));
    }

    private static boolean delivery(String delivery) {
        if (delivery == null || delivery.equals("cookie")) return false;
        if (delivery.equals("body")) return true;
        throw BadRequest.field("/delivery", "Field 'delivery' must be 'cookie' or 'body'.");
    }

    private static String required(String value, String field) {
        if (value == null) throw BadRequest.field("/" + field, "Field '" + field + "' is required.");
        return value;
    }

    private static Map<String, Object> view(User user) {
        var json = new LinkedHashMap<String, Object>();
        json.put("id", user.id().toString());
        user.email().ifPresent(e -> json.put("email", e.value()));
        user.displayName().ifPresent(n -> json.put("display_name", n));
        json.put("created_at", user.createdAt().toString());
        return json;
    }
}
