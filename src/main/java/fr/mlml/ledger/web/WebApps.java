package fr.mlml.ledger.web;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;

import java.util.List;

/**
 * The browser apps of DESIGN.md §11, served from the jar's {@code web/} folder without a token: the pages hold no
 * data, they call the public API with the user's own token (kept in the browser's session storage, never a cookie).
 * Every page and file carries a strict Content-Security-Policy and the usual hardening headers.
 */
public final class WebApps {
    /** Only our own files run, are styled, framed by nobody, and talk only to this origin. */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /** Each served at {@code /<name>/} from the jar's {@code web/<name>/}. */
    private static final List<String> FOLDERS = List.of("office", "common", "wallet");
    /** No page may use the camera, the microphone, the position or the Payment Request API... */
    private static final String NOTHING = "camera=(), microphone=(), geolocation=(), payment=()";
    /** ...but the wallet reads a till's QR code with the camera, from its own pages only. */
    private static final String CAMERA = "camera=(self), microphone=(), geolocation=(), payment=()";

    private WebApps() {
    }

    /** Adds the apps ({@code /office/} with its QR drawing, {@code /wallet/}) and their files, {@code /common/}. */
    public static void mount(Router router) {
        for (String name : FOLDERS) {
            router.routeWithRegex(HttpMethod.GET, "^/" + name + "$").handler(ctx -> ctx.redirect("/" + name + "/"));
            String permissions = name.equals("wallet") ? CAMERA : NOTHING;
            router.route("/" + name + "/*").handler(ctx -> headers(ctx, permissions));
        }
        router.route(HttpMethod.POST, "/office/qr.svg").handler(BodyHandler.create(false)
                .setBodyLimit(QrSvg.MAX_TEXT_BYTES)).handler(QrSvg::answer);
        for (String name : FOLDERS) {
            router.route(HttpMethod.GET, "/" + name + "/*").handler(StaticHandler.create(FileSystemAccess.RELATIVE,
                    "web/" + name).setDirectoryListing(false).setIncludeHidden(false).setCachingEnabled(false)
                    .setDefaultContentEncoding("UTF-8"));
        }
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
