package org.gongyi.donation.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gongyi.common.http.Paging;
import org.gongyi.common.security.Roles;
import org.gongyi.donation.persistence.CharityOrganisation;
import org.gongyi.donation.service.OrganisationService;

import java.time.Instant;
import java.util.List;

@Path("/organisations")
@Tag(name = "Charity organisations")
public class OrganisationResource {

    private final OrganisationService organisations;

    public OrganisationResource(OrganisationService organisations) {
        this.organisations = organisations;
    }

    public record PutOrganisation(
            @NotBlank @Size(max = 200) String name, @NotNull Boolean verified) {}

    public record OrganisationView(
            String id,
            String name,
            boolean verified,
            @Schema(nullable = true) Instant verifiedAt,
            Instant createdAt) {
        static OrganisationView of(CharityOrganisation o) {
            return new OrganisationView(o.id(), o.name(), o.verified(), o.verifiedAt(), o.createdAt());
        }
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Create or update an organisation and its verification; only verified organisations' "
                    + "projects take rules")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = {
                                @ExampleObject(
                                        name = "verified",
                                        summary = "A charity, verified: its projects may take rules",
                                        value = """
                                        {"name": "China Foundation for Rural Development", "verified": true}""")
                            }))
    public Uni<OrganisationView> put(
            @PathParam("id")
                    @Pattern(
                            regexp = "[A-Za-z0-9._-]{1,100}",
                            message = "letters, digits, '.', '_' or '-', at most 100")
                    String id,
            @NotNull @Valid PutOrganisation body) {
        return organisations.put(id, body.name(), body.verified()).map(OrganisationView::of);
    }

    @GET
    @PermitAll
    @Operation(summary = "Organisations and whether they are verified")
    public Uni<List<OrganisationView>> list(
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Paging.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        return organisations
                .list(page, size)
                .map(l -> l.stream().map(OrganisationView::of).toList());
    }

    @GET
    @Path("/{id}")
    @PermitAll
    public Uni<OrganisationView> get(@PathParam("id") String id) {
        return organisations.get(id).map(OrganisationView::of);
    }
}
