package org.gongyi.common.certificate;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CertificatePdfTest {

    private static final Certificate TREE = new Certificate(
            "植树证书 · Tree Certificate",
            "蚂蚁森林 · Green Forest",
            "GF-T-2026-0000000042",
            List.of(
                    new Certificate.Line("树种 · Species", "梭梭 · SAXAUL"),
                    new Certificate.Line("地区 · Region", "甘肃 武威 · Gansu Wuwei")),
            Certificate.page(URI.create("https://gongyi.example/certificates/"), "GF-T-2026-0000000042"));

    @Test
    void aReaderFindsEveryLineInChineseAndLatin() throws Exception {
        byte[] pdf = CertificatePdf.render(TREE);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertEquals(1, document.getNumberOfPages());
            assertEquals(
                    "植树证书 · Tree Certificate GF-T-2026-0000000042",
                    document.getDocumentInformation().getTitle());
            PDFTextStripper reader = new PDFTextStripper();
            List<String> lines = reader.getText(document)
                    .lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty())
                    .toList();
            assertEquals(
                    List.of(
                            "蚂蚁森林 · Green Forest",
                            "植树证书 · Tree Certificate",
                            "树种 · Species 梭梭 · SAXAUL",
                            "地区 · Region 甘肃 武威 · Gansu Wuwei",
                            "证书编号 · Certificate No. GF-T-2026-0000000042",
                            "扫码或打开此链接核验证书 · Scan, or open this address, to verify:",
                            "https://gongyi.example/certificates/GF-T-2026-0000000042"),
                    lines);
        }
    }

    @Test
    void theSameCertificateRendersTheSamePage() {
        assertTrue(CertificatePdf.render(TREE).length < 20_000);
        assertArrayEquals(page(CertificatePdf.render(TREE)), page(CertificatePdf.render(TREE)));
    }

    private static byte[] page(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return document.getPage(0).getContents().readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
