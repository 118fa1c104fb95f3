package org.gongyi.forest.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gongyi.forest.persistence.Trees;
import org.gongyi.forest.service.PlantingService;
import org.jboss.resteasy.reactive.Cache;

import java.time.Instant;

/** Anyone holding a tree certificate's number can check it: what it certifies, never who holds it. */
@Path("/certificates/trees")
@Tag(name = "Certificates")
public class CertificateResource {

    private final PlantingService planting;

    public CertificateResource(PlantingService planting) {
        this.planting = planting;
    }

    /** A tree as its certificate certifies it; {@code owners}: 1, or 2 when co-planted. */
    public record CertifiedTreeView(
            String certificateNo,
            String speciesCode,
            String speciesName,
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
                    c.projectName(),
                    c.region(),
                    c.plotName(),
                    c.plantedAt(),
                    c.owners());
        }
    }

    @GET
    @Path("{certificateNo}")
    @PermitAll
    @Cache(maxAge = 60)
    @Operation(
            summary =
                    "Check a tree certificate: the tree, its project, region and plot, when it was planted, by how many")
    public Uni<CertifiedTreeView> check(@PathParam("certificateNo") @Size(max = 40) String certificateNo) {
        return planting.certified(certificateNo).map(CertifiedTreeView::of);
    }
}
