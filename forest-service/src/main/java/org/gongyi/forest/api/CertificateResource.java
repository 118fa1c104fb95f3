package org.gongyi.forest.api;

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
import org.gongyi.forest.persistence.Trees;
import org.gongyi.forest.service.PlantingService;
import org.jboss.resteasy.reactive.Cache;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * Anyone holding a tree certificate's number can check it, or download it to keep: what it certifies, never who
 * holds it.
 */
@Path("/certificates/trees")
@Tag(name = "Certificates")
public class CertificateResource {

    private final PlantingService planting;
    private final URI pages;

    public CertificateResource(
            PlantingService planting, @ConfigProperty(name = "gongyi.certificates.pages") URI pages) {
        this.planting = planting;
        this.pages = pages;
    }

    /** A tree as its certificate certifies it; {@code owners}: 1, or 2 when co-planted. */
    public record CertifiedTreeView(
            String certificateNo,
            String speciesCode,
            String speciesName,
            String speciesNameEn,
            String projectName,
            String region,
            String plotName,
            Instant plantedAt,
            int owners) {
        static CertifiedTreeView of(Trees.Certified c) {
            return new CertifiedTreeView(
                    c.certificateNo(),
                    c.speciesCode(),
                    c.speciesName(),
                    c.speciesNameEn(),
                    c.projectName(),
                    c.region(),
                    c.plotName(),
                    c.plantedAt(),
                    c.owners());
        }
    }

    @GET
    @Path("{certificateNo}")
    @Produces(MediaType.APPLICATION_JSON)
    @PermitAll
    @Cache(maxAge = 60)
    @Operation(
            summary =
                    "Check a tree certificate: the tree, its project, region and plot, when it was planted, by how many")
    @APIResponseSchema(value = CertifiedTreeView.class, responseDescription = "What the certificate certifies")
    @APIResponse(responseCode = "400", description = "The certificate number is over 40 characters")
    public Uni<CertifiedTreeView> check(@PathParam("certificateNo") @Size(max = 40) String certificateNo) {
        return planting.certified(certificateNo).map(CertifiedTreeView::of);
    }

    @GET
    @Path("{certificateNo}/pdf")
    @PermitAll
    @Produces(CertificatePdf.MEDIA_TYPE)
    @Cache(maxAge = 60)
    @Operation(summary = "The tree certificate to keep: one page (PDF) with a QR code of the page that verifies it")
    @APIResponse(
            responseCode = "200",
            description = "The certificate",
            content =
                    @Content(
                            mediaType = CertificatePdf.MEDIA_TYPE,
                            schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "400", description = "The certificate number is over 40 characters")
    public Uni<Response> pdf(@PathParam("certificateNo") @Size(max = 40) String certificateNo) {
        return planting.certified(certificateNo)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(tree -> CertificatePdf.download(certificate(CertifiedTreeView.of(tree), pages)));
    }

    /** What the kept certificate says: the same as the check, in Chinese and English. */
    static Certificate certificate(CertifiedTreeView tree, URI pages) {
        return new Certificate(
                "植树证书 · Tree Certificate",
                "蚂蚁森林 · Green Forest",
                tree.certificateNo(),
                List.of(
                        new Certificate.Line("树种 · Species", tree.speciesName() + " · " + tree.speciesNameEn()),
                        new Certificate.Line("项目 · Project", tree.projectName()),
                        new Certificate.Line("地区 · Region", tree.region()),
                        new Certificate.Line("地块 · Plot", tree.plotName()),
                        new Certificate.Line("种下时间 · Planted", Certificate.chinaTime(tree.plantedAt())),
                        new Certificate.Line(
                                "种树人 · Planted by",
                                tree.owners() == 1
                                        ? "1 人 · 1 person"
                                        : tree.owners() + " 人合种 · " + tree.owners() + " people, co-planted")),
                Certificate.page(pages, tree.certificateNo()));
    }
}
