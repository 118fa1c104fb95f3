package org.gongyi.infra.test;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.DecodeHintType;
import com.google.zxing.FormatException;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Certificates opened as their holders open them: by an independent PDF reader, the page drawn and its QR code read. */
public final class CertificatePdfs {

    private CertificatePdfs() {}

    /** What a certificate shows: its pages, its title (metadata), its lines of text top to bottom, what its QR code says. */
    public record Opened(int pages, String title, List<String> lines, String qrCode) {}

    public static Opened open(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFTextStripper reader = new PDFTextStripper();
            List<String> lines = reader.getText(document)
                    .lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty())
                    .toList();
            BufferedImage page = new PDFRenderer(document).renderImageWithDPI(0, 150);
            return new Opened(
                    document.getNumberOfPages(),
                    document.getDocumentInformation().getTitle(),
                    lines,
                    qrCode(page));
        } catch (IOException e) {
            throw new UncheckedIOException("Not a PDF a reader opens", e);
        }
    }

    private static String qrCode(BufferedImage page) {
        int[] pixels = page.getRGB(0, 0, page.getWidth(), page.getHeight(), null, 0, page.getWidth());
        BinaryBitmap bitmap = new BinaryBitmap(
                new HybridBinarizer(new RGBLuminanceSource(page.getWidth(), page.getHeight(), pixels)));
        try {
            return new QRCodeReader()
                    .decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE))
                    .getText();
        } catch (NotFoundException | ChecksumException | FormatException e) {
            return null;
        }
    }
}
