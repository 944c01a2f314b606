package fr.mlml.ledger.web;

import io.nayuki.qrcodegen.QrCode;
import io.vertx.ext.web.RoutingContext;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /office/qr.svg}: the text of the body (an enrollment link) drawn as a QR code in SVG. Posted, not put
 * in a query string, because an enrollment link carries a secret that a proxy's access log would keep. No token:
 * it reads and changes nothing, and a body is at most {@link #MAX_TEXT_BYTES}, so a stranger costs one small
 * drawing.
 */
public final class QrSvg {
    static final int MAX_TEXT_BYTES = 1024;
    /** Modules of light margin around the code, as the QR specification asks. */
    private static final int BORDER = 4;

    private QrSvg() {
    }

    static void answer(RoutingContext ctx) {
        String text;
        try {
            byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            text = "";
        }
        if (text.isEmpty()) {
            ctx.fail(400);
            return;
        }
        ctx.response().putHeader("Content-Type", "image/svg+xml").putHeader("Cache-Control", "no-store")
                .end(of(text));
    }

    /** {@code text} (a payment or enrollment link) as a QR code in SVG, medium error correction. */
    public static String of(String text) {
        return svg(QrCode.encodeText(text, QrCode.Ecc.MEDIUM));
    }

    /** One path of unit squares, one per dark module, on a white square with its border. */
    static String svg(QrCode qr) {
        int size = qr.size + 2 * BORDER;
        StringBuilder path = new StringBuilder(qr.size * qr.size * 4);
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                if (qr.getModule(x, y)) {
                    path.append('M').append(x + BORDER).append(',').append(y + BORDER).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size
                + "\" shape-rendering=\"crispEdges\" role=\"img\"><rect width=\"" + size + "\" height=\"" + size
                + "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
    }
}
