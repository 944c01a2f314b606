package fr.mlml.ledger.api;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads the service's QR codes back with another implementation (ZXing), as a phone's camera would. */
final class QrImages {
    private QrImages() {
    }

    /** Paints the SVG's unit squares into pixels, four a module, and reads them with ZXing. */
    static String decode(String svg) throws Exception {
        Matcher box = Pattern.compile("viewBox=\"0 0 (\\d+) \\1\"").matcher(svg);
        assertTrue(box.find(), svg);
        int scale = 4;
        int side = Integer.parseInt(box.group(1)) * scale;
        int[] pixels = new int[side * side];
        Arrays.fill(pixels, 0xffffff);
        Matcher module = Pattern.compile("M(\\d+),(\\d+)h1v1h-1z").matcher(svg);
        while (module.find()) {
            int mx = Integer.parseInt(module.group(1));
            int my = Integer.parseInt(module.group(2));
            for (int y = 0; y < scale; y++) {
                for (int x = 0; x < scale; x++) pixels[(my * scale + y) * side + mx * scale + x] = 0;
            }
        }
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(side, side,
                pixels))), Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
    }
}
