package fr.mlml.ledger.web;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;

import java.util.Map;

/**
 * The browser apps of DESIGN.md §11, served from the jar's {@code web/} folder without a token: the pages hold no
 * data, they call the public API with the user's own token (kept in the browser's storage, never a cookie). Every
 * page and file carries a strict Content-Security-Policy and the usual hardening headers. Pay links ({@code /pay/…})
 * lead to the wallet.
 */
public final class WebApps {
    /** Only our own files run, are styled, framed by nobody, and talk only to this origin. */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    private static final String NO_DEVICES = "microphone=(), geolocation=(), payment=()";

    /**
     * Each folder served at {@code /<name>/} from the jar's {@code web/<name>/}, with what it may use of the device:
     * only the wallet films (it scans pay links' QR codes), and only for its own pages.
     */
    private static final Map<String, String> FOLDERS = Map.of(
            "office", "camera=(), " + NO_DEVICES,
            "common", "camera=(), " + NO_DEVICES,
            "till", "camera=(), " + NO_DEVICES,
            "wallet", "camera=(self), " + NO_DEVICES);
    /** A payment request's reference, {@code <member>~<id>}, or an account id: what a pay link may carry. */
    private static final String ID = "[a-z0-9][a-z0-9:._-]{0,63}";

    private WebApps() {
    }

    /** Adds the apps (the back office with its QR drawing, the till, the wallet), their shared files, pay links. */
    public static void mount(Router router) {
        FOLDERS.forEach((name, permissions) -> {
            router.routeWithRegex(HttpMethod.GET, "^/" + name + "$").handler(ctx -> ctx.redirect("/" + name + "/"));
            router.route("/" + name + "/*").handler(ctx -> headers(ctx, permissions));
        });
        router.route(HttpMethod.POST, "/office/qr.svg").handler(BodyHandler.create(false)
                .setBodyLimit(QrSvg.MAX_TEXT_BYTES)).handler(QrSvg::answer);
        FOLDERS.keySet().forEach(name -> router.route(HttpMethod.GET, "/" + name + "/*").handler(StaticHandler.create(
                FileSystemAccess.RELATIVE, "web/" + name).setDirectoryListing(false).setIncludeHidden(false)
                .setCachingEnabled(false).setDefaultContentEncoding("UTF-8")));
        // The wallet opens on the request (its pay_url) or on paying the account; anything else is the API's 404.
        router.routeWithRegex(HttpMethod.GET, "^/pay/(" + ID + "~" + ID + ")$")
                .handler(ctx -> ctx.redirect("/wallet/#/pay/" + ctx.pathParam("param0")));
        router.routeWithRegex(HttpMethod.GET, "^/pay/to/(" + ID + ")$")
                .handler(ctx -> ctx.redirect("/wallet/#/pay-to/" + ctx.pathParam("param0")));
    }

    private static void headers(RoutingContext ctx, String permissions) {
        ctx.response().headers()
                .set("Content-Security-Policy", CSP)
                .set("X-Content-Type-Options", "nosniff")
                .set("X-Frame-Options", "DENY")
                .set("Referrer-Policy", "no-referrer")
                .set("Cross-Origin-Opener-Policy", "same-origin")
                .set("Cross-Origin-Resource-Policy", "same-origin")
                .set("Permissions-Policy", permissions)
                // A new version of the app is picked up at the next load, never mixed with a cached half.
                .set("Cache-Control", "no-cache");
        if (ctx.request().isSSL()) ctx.response().headers().set("Strict-Transport-Security", "max-age=31536000");
        ctx.next();
    }
}
