package org.gongyi.common.certificate;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import jakarta.ws.rs.core.Response;
import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.Rectangle;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.ColumnText;
import org.openpdf.text.pdf.FontSelector;
import org.openpdf.text.pdf.PdfContentByte;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A {@link Certificate} as a one-page A4 PDF (OpenPDF), with a QR code (ZXing) of the page that verifies its number.
 * Latin text is set in Helvetica, Chinese in STSong-Light: the PDF standard's Simplified Chinese font (Adobe-GB1),
 * which every PDF reader with Chinese support draws with its own Song face, so no font is bundled and a certificate
 * weighs a few kilobytes. Nothing here reads a clock: two renderings of one certificate say the same.
 */
public final class CertificatePdf {

    public static final String MEDIA_TYPE = "application/pdf";

    private static final Color INK = new Color(0x1f, 0x3d, 0x2b);
    private static final Color MUTED = new Color(0x5f, 0x6b, 0x63);
    private static final float MARGIN = 56;
    private static final float QR_SIZE = 92;

    private CertificatePdf() {}

    public static byte[] render(Certificate certificate) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        Document document = new Document(PageSize.A4.rotate(), MARGIN, MARGIN, MARGIN + 8, MARGIN);
        PdfWriter writer = PdfWriter.getInstance(document, out);
        document.addTitle(certificate.title() + " " + certificate.certificateNo());
        document.addSubject(certificate.verifiedAt().toString());
        document.addKeywords(certificate.certificateNo());
        document.addCreator("Gongyi");
        document.open();
        try {
            Rectangle page = document.getPageSize();
            frame(writer.getDirectContent(), page);

            Paragraph programme = centred(certificate.programme(), 13, MUTED, 6);
            programme.setSpacingBefore(24);
            document.add(programme);
            document.add(centred(certificate.title(), 28, INK, 22));

            PdfPTable lines = new PdfPTable(new float[] {1.15f, 2.3f});
            lines.setWidthPercentage(82);
            for (Certificate.Line line : certificate.lines()) {
                lines.addCell(cell(line.label(), 11, MUTED, Element.ALIGN_RIGHT));
                lines.addCell(cell(line.value(), 15, INK, Element.ALIGN_LEFT));
            }
            PdfPCell number =
                    cell("证书编号 · Certificate No. " + certificate.certificateNo(), 13, INK, Element.ALIGN_CENTER);
            number.setColspan(2);
            number.setPaddingTop(20);
            lines.addCell(number);
            document.add(lines);

            PdfContentByte canvas = writer.getDirectContent();
            float qrX = page.getWidth() - MARGIN - QR_SIZE;
            qrCode(canvas, certificate.verifiedAt().toString(), qrX, MARGIN, QR_SIZE);
            ColumnText.showTextAligned(
                    canvas,
                    Element.ALIGN_LEFT,
                    text("扫码或打开此链接核验证书 · Scan, or open this address, to verify:", 10, MUTED),
                    MARGIN,
                    MARGIN + 22,
                    0);
            ColumnText.showTextAligned(
                    canvas,
                    Element.ALIGN_LEFT,
                    text(certificate.verifiedAt().toString(), 10, INK),
                    MARGIN,
                    MARGIN + 8,
                    0);
        } finally {
            document.close();
        }
        return out.toByteArray();
    }

    /** The certificate as a PDF to download, named by its number. */
    public static Response download(Certificate certificate) {
        return Response.ok(render(certificate), MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + certificate.certificateNo() + ".pdf\"")
                .build();
    }

    private static void frame(PdfContentByte canvas, Rectangle page) {
        canvas.saveState();
        canvas.setColorStroke(INK);
        canvas.setLineWidth(2.5f);
        canvas.rectangle(MARGIN / 2, MARGIN / 2, page.getWidth() - MARGIN, page.getHeight() - MARGIN);
        canvas.stroke();
        canvas.setLineWidth(0.6f);
        canvas.rectangle(MARGIN / 2 + 6, MARGIN / 2 + 6, page.getWidth() - MARGIN - 12, page.getHeight() - MARGIN - 12);
        canvas.stroke();
        canvas.restoreState();
    }

    /** The QR code's modules as filled squares: sharp at any zoom and in print. */
    private static void qrCode(PdfContentByte canvas, String content, float x, float y, float size) {
        BitMatrix modules;
        try {
            modules = new QRCodeWriter()
                    .encode(
                            content,
                            BarcodeFormat.QR_CODE,
                            0,
                            0,
                            Map.of(
                                    EncodeHintType.MARGIN,
                                    0,
                                    EncodeHintType.ERROR_CORRECTION,
                                    ErrorCorrectionLevel.M,
                                    EncodeHintType.CHARACTER_SET,
                                    "UTF-8"));
        } catch (WriterException e) {
            throw new IllegalArgumentException("No QR code for " + content, e);
        }
        float module = size / modules.getWidth();
        canvas.saveState();
        canvas.setColorFill(Color.BLACK);
        for (int row = 0; row < modules.getHeight(); row++) {
            for (int column = 0; column < modules.getWidth(); column++) {
                if (modules.get(column, row)) {
                    canvas.rectangle(x + column * module, y + size - (row + 1) * module, module, module);
                }
            }
        }
        canvas.fill();
        canvas.restoreState();
    }

    private static Paragraph centred(String content, float size, Color color, float spacingAfter) {
        Paragraph paragraph = new Paragraph(text(content, size, color));
        paragraph.setLeading(size * 1.4f);
        paragraph.setAlignment(Element.ALIGN_CENTER);
        paragraph.setSpacingAfter(spacingAfter);
        return paragraph;
    }

    private static PdfPCell cell(String content, float size, Color color, int alignment) {
        PdfPCell cell = new PdfPCell(text(content, size, color));
        cell.setBorder(Rectangle.NO_BORDER);
        cell.setHorizontalAlignment(alignment);
        cell.setVerticalAlignment(Element.ALIGN_MIDDLE);
        cell.setPaddingTop(5);
        cell.setPaddingBottom(7);
        cell.setPaddingLeft(8);
        cell.setPaddingRight(8);
        return cell;
    }

    /** Latin characters in Helvetica, the rest (Chinese) in STSong-Light. */
    private static Phrase text(String content, float size, Color color) {
        FontSelector fonts = new FontSelector();
        fonts.addFont(new Font(Font.HELVETICA, size, Font.NORMAL, color));
        fonts.addFont(new Font(Fonts.CHINESE, size, Font.NORMAL, color));
        return fonts.process(content);
    }

    private static final class Fonts {
        static final BaseFont CHINESE = chinese();

        private static BaseFont chinese() {
            try {
                return BaseFont.createFont("STSong-Light", "UniGB-UCS2-H", BaseFont.NOT_EMBEDDED);
            } catch (IOException e) {
                throw new UncheckedIOException("OpenPDF's Chinese font metrics are missing", e);
            }
        }
    }
}
