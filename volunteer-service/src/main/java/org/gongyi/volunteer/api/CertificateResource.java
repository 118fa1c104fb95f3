package org.gongyi.volunteer.api;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gongyi.common.certificate.Certificate;
import org.gongyi.common.certificate.CertificatePdf;
import org.gongyi.volunteer.service.WelfareLedger;
import org.jboss.resteasy.reactive.Cache;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * Anyone holding a 3-hour certificate's number can check it, or download it to keep: the year it certifies, the
 * welfare time and the organisations served, never whose it is.
 */
@Path("/certificates/three-hours")
@Tag(name = "Certificates")
public class CertificateResource {

    private final WelfareLedger welfare;
    private final URI pages;

    public CertificateResource(WelfareLedger welfare, @ConfigProperty(name = "gongyi.certificates.pages") URI pages) {
        this.welfare = welfare;
        this.pages = pages;
    }

    /** Whether a certificate stands: withdrawn while revoked credits keep its year below 3 hours. */
    @Schema(name = "CertificateResourceStanding")
    public enum Standing {
        VALID,
        WITHDRAWN
    }

    /** A year as its certificate certifies it. */
    public record CertifiedYearView(
            String certificateNo,
            int year,
            long tenths,
            String hours,
            List<String> organisations,
            Instant issuedAt,
            Standing standing,
            @Schema(nullable = true) Instant withdrawnAt) {
        static CertifiedYearView of(WelfareLedger.Certificate c) {
            return new CertifiedYearView(
                    c.certificateNo(),
                    c.year(),
                    c.tenths(),
                    c.hours(),
                    c.organisations(),
                    c.issuedAt(),
                    c.withdrawnAt() == null ? Standing.VALID : Standing.WITHDRAWN,
                    c.withdrawnAt());
        }
    }

    @GET
    @Path("{certificateNo}")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Cache(maxAge = 60)
    @Operation(summary = "Check a 3-hour certificate: its year, welfare time, organisations served, whether it stands")
    @APIResponse(responseCode = "400", description = "The certificate number is longer than 40 characters")
    @APIResponseSchema(
            value = CertifiedYearView.class,
            responseDescription = "The certified year, standing or withdrawn")
    public Uni<CertifiedYearView> check(@PathParam("certificateNo") @Size(max = 40) String certificateNo) {
        return welfare.certified(certificateNo).map(CertifiedYearView::of);
    }

    @GET
    @Path("{certificateNo}/pdf")
    @PermitAll
    @Produces(CertificatePdf.MEDIA_TYPE)
    @Cache(maxAge = 60)
    @Operation(
            summary = "The 3-hour certificate to keep: one page (PDF) with a QR code of the page that verifies it; "
                    + "410 while withdrawn")
    @APIResponse(
            responseCode = "200",
            description = "The certificate",
            content =
                    @Content(
                            mediaType = CertificatePdf.MEDIA_TYPE,
                            schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "400", description = "The certificate number is longer than 40 characters")
    @APIResponse(
            responseCode = "410",
            description = "The certificate was withdrawn: revoked credits keep its year below 3 hours")
    public Uni<Response> pdf(@PathParam("certificateNo") @Size(max = 40) String certificateNo) {
        return welfare.certified(certificateNo)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(year -> {
                    if (year.withdrawnAt() != null) {
                        throw WelfareLedger.withdrawn(year.certificateNo(), year.withdrawnAt());
                    }
                    return CertificatePdf.download(certificate(year, pages));
                });
    }

    /** What the kept certificate says: the same as the check, in Chinese and English. */
    static Certificate certificate(WelfareLedger.Certificate year, URI pages) {
        return new Certificate(
                "公益时证书 · Welfare Time Certificate",
                "人人3小时 · 3 Hours",
                year.certificateNo(),
                List.of(
                        new Certificate.Line("年度 · Year", String.valueOf(year.year())),
                        new Certificate.Line("公益时 · Welfare time", year.hours() + " 小时 · " + year.hours() + " hours"),
                        new Certificate.Line("达成 · Reached", "每年3小时公益承诺 · the yearly 3-hour pledge"),
                        new Certificate.Line(
                                "服务机构 · Organisations",
                                year.organisations().isEmpty() ? "–" : String.join("、", year.organisations())),
                        new Certificate.Line("颁发时间 · Issued", Certificate.chinaTime(year.issuedAt()))),
                Certificate.page(pages, year.certificateNo()));
    }
}
