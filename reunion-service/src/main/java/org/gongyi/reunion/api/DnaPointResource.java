package org.gongyi.reunion.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gongyi.common.http.Created;
import org.gongyi.common.security.Roles;
import org.gongyi.reunion.persistence.DnaPoint;
import org.gongyi.reunion.service.DnaPointService;

import java.util.List;
import java.util.UUID;

/** Free police DNA collection points (滴血寻亲). */
@Path("/dna-points")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "DNA collection points")
public class DnaPointResource {

    private final DnaPointService points;

    public DnaPointResource(DnaPointService points) {
        this.points = points;
    }

    public record NewPoint(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Size(max = 500) String address,
            @Schema(nullable = true) @Size(max = 50) String phone,
            @Schema(nullable = true) @Size(max = 200) String openingHours,
            @NotNull @DecimalMin("-90") @DecimalMax("90") Double latitude,
            @NotNull @DecimalMin("-180") @DecimalMax("180") Double longitude) {}

    public record PointView(
            UUID id,
            String name,
            String address,
            @Schema(nullable = true) String phone,
            @Schema(nullable = true) String openingHours,
            double latitude,
            double longitude,
            @Schema(nullable = true) Double distanceKm) {
        static PointView of(DnaPoint p, Double distanceKm) {
            return new PointView(
                    p.id(),
                    p.name(),
                    p.address(),
                    p.phone(),
                    p.openingHours(),
                    p.latitude(),
                    p.longitude(),
                    distanceKm);
        }
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Add a collection point")
    @APIResponseSchema(value = PointView.class, responseCode = "201", responseDescription = "The point added")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = {
                                @ExampleObject(
                                        name = "police-lab",
                                        summary = "A police DNA collection point (滴血寻亲), free for families",
                                        value = """
                                        {"name": "Zhengzhou PSB DNA lab", "address": "1 Jinshui Rd, Zhengzhou", "phone": "0371-110",
                                         "openingHours": "Mon-Fri 9:00-17:00", "latitude": 34.76, "longitude": 113.66}""")
                            }))
    public Uni<Response> create(@NotNull @Valid NewPoint p, UriInfo uri) {
        return points.create(p.name(), p.address(), p.phone(), p.openingHours(), p.latitude(), p.longitude())
                .map(d -> Created.at(uri, PointView.of(d, null), "dna-points/{id}", d.id()));
    }

    @GET
    @Path("/{id}")
    @PermitAll
    @Operation(summary = "A collection point")
    public Uni<PointView> get(@PathParam("id") UUID id) {
        return points.get(id).map(d -> PointView.of(d, null));
    }

    @GET
    @PermitAll
    @Operation(summary = "Collection points within radiusKm (default 50, at most 500) of a place, nearest first")
    public Uni<List<PointView>> near(
            @QueryParam("lat") @NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
            @QueryParam("lon") @NotNull @DecimalMin("-180") @DecimalMax("180") Double lon,
            @QueryParam("radiusKm") @DefaultValue("50") @DecimalMin("0.1") @DecimalMax("500") double radiusKm) {
        return points.near(lat, lon, radiusKm, 50)
                .map(l -> l.stream()
                        .map(n -> PointView.of(n.point(), Math.round(n.distanceKm() * 10) / 10.0))
                        .toList());
    }
}
