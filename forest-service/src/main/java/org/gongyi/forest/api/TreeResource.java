package org.gongyi.forest.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gongyi.common.http.Created;
import org.gongyi.common.http.Paging;
import org.gongyi.common.security.Roles;
import org.gongyi.forest.api.PlantingDtos.AreaClaimRequest;
import org.gongyi.forest.api.PlantingDtos.AreaClaimView;
import org.gongyi.forest.api.PlantingDtos.ClaimedPlotView;
import org.gongyi.forest.api.PlantingDtos.CoPlantingView;
import org.gongyi.forest.api.PlantingDtos.MyLandView;
import org.gongyi.forest.api.PlantingDtos.MyTreeView;
import org.gongyi.forest.api.PlantingDtos.PlantRequest;
import org.gongyi.forest.api.PlantingDtos.TreePhotoView;
import org.gongyi.forest.persistence.ProtectedAreas.AreaClaim;
import org.gongyi.forest.service.LandService;
import org.gongyi.forest.service.PlantingService;

import java.util.List;
import java.util.UUID;

/** Spending the caller's energy on trees and land, and seeing what they own. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Trees and land")
@RolesAllowed({Roles.BUYER, Roles.USER})
public class TreeResource {

    private final PlantingService planting;
    private final LandService land;
    private final JsonWebToken caller;

    public TreeResource(PlantingService planting, LandService land, JsonWebToken caller) {
        this.planting = planting;
        this.land = land;
        this.caller = caller;
    }

    @POST
    @Path("trees")
    @Operation(
            summary = "Plant a tree of a planting project with your energy: 201 with its certificate; 409 when "
                    + "your balance does not cover its species or the project's stock is used up")
    @APIResponseSchema(
            value = MyTreeView.class,
            responseCode = "201",
            responseDescription = "The tree planted, with its certificate")
    @APIResponse(responseCode = "404", description = "No planting project has the projectId")
    @APIResponse(
            responseCode = "409",
            description =
                    "Your balance does not cover the tree's species, or the project's stock is used up or it has no plots yet")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = {
                                @ExampleObject(
                                        name = "plant",
                                        summary =
                                                "A tree of a planting project, paid with its species' energy (梭梭: 17,900 g)",
                                        value = """
                                        {"projectId": "3b0f8c52-7e1a-4d9b-a6c3-5f2e9d1b7a40"}""")
                            }))
    public Uni<Response> plant(@NotNull @Valid PlantRequest request, UriInfo uri) {
        return planting.plant(caller.getSubject(), request.projectId())
                .map(t -> Created.at(uri, MyTreeView.of(t), "me/trees/{certificateNo}", t.certificateNo()));
    }

    public record CoPlantRequest(
            @NotNull UUID projectId,
            @NotNull @Size(min = 1, max = 200) String partnerId) {}

    @POST
    @Path("co-plantings")
    @Operation(
            summary = "Invite a friend to co-plant a tree of a project: each pays half of its species' energy "
                    + "when the friend accepts")
    @APIResponseSchema(value = CoPlantingView.class, responseCode = "201", responseDescription = "The invitation sent")
    @APIResponse(
            responseCode = "403",
            description = "You and the partner are not friends, or your role does not allow this")
    @APIResponse(responseCode = "404", description = "No planting project has the projectId")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = {
                                @ExampleObject(
                                        name = "with-a-friend",
                                        summary =
                                                "Invite your friend bob to share a tree: each pays half when bob accepts",
                                        value = """
                                        {"projectId": "3b0f8c52-7e1a-4d9b-a6c3-5f2e9d1b7a40", "partnerId": "bob"}""")
                            }))
    public Uni<Response> invite(@NotNull @Valid CoPlantRequest request, UriInfo uri) {
        return planting.invite(caller.getSubject(), request.partnerId(), request.projectId())
                .map(c -> Created.at(uri, CoPlantingView.of(c), "co-plantings/{id}", c.id()));
    }

    @GET
    @Path("me/co-plantings")
    @Operation(summary = "Co-planting invitations you sent or received")
    public Uni<List<CoPlantingView>> coPlantings() {
        return planting.coPlantings(caller.getSubject())
                .map(l -> l.stream().map(CoPlantingView::of).toList());
    }

    @GET
    @Path("co-plantings/{id}")
    @Operation(summary = "An invitation you sent or received")
    public Uni<CoPlantingView> coPlanting(@PathParam("id") UUID id) {
        return planting.coPlanting(caller.getSubject(), id).map(CoPlantingView::of);
    }

    @POST
    @Path("co-plantings/{id}/accept")
    @Operation(
            summary =
                    "Accept an invitation: both balances pay their half and the tree is planted with one "
                            + "certificate for both (409 when a balance falls short or the stock is used up; the invitation stays open)")
    @APIResponseSchema(
            value = MyTreeView.class,
            responseDescription = "The tree planted, with the certificate both share")
    @APIResponse(
            responseCode = "409",
            description =
                    "The invitation is no longer pending, a balance does not cover its half, or the project's stock is used up or it has no plots yet")
    public Uni<MyTreeView> accept(@PathParam("id") UUID id) {
        return planting.accept(caller.getSubject(), id).map(MyTreeView::of);
    }

    @POST
    @Path("co-plantings/{id}/withdraw")
    @Operation(summary = "Decline an invitation you received, or cancel one you sent")
    @APIResponseSchema(value = CoPlantingView.class, responseDescription = "The invitation declined or cancelled")
    @APIResponse(responseCode = "409", description = "The invitation is no longer pending")
    public Uni<CoPlantingView> withdraw(@PathParam("id") UUID id) {
        return planting.withdraw(caller.getSubject(), id).map(CoPlantingView::of);
    }

    @GET
    @Path("me/trees")
    @Operation(summary = "Your trees, newest first: certificate, species, project, plot, latest photo of the plot")
    public Uni<List<MyTreeView>> trees(
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Paging.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        return planting.trees(caller.getSubject(), page, size)
                .map(l -> l.stream().map(MyTreeView::of).toList());
    }

    @GET
    @Path("me/trees/{certificateNo}")
    @Operation(summary = "One of your trees, by its certificate")
    @APIResponseSchema(value = MyTreeView.class, responseDescription = "Your tree")
    @APIResponse(responseCode = "400", description = "The certificate number is over 40 characters")
    public Uni<MyTreeView> tree(@PathParam("certificateNo") @Size(max = 40) String certificateNo) {
        return planting.tree(caller.getSubject(), certificateNo).map(MyTreeView::of);
    }

    @GET
    @Path("me/trees/{certificateNo}/photo")
    @Operation(summary = "The latest photo of the plot where your tree stands (看树)")
    @APIResponseSchema(value = TreePhotoView.class, responseDescription = "The latest photo of the tree's plot")
    @APIResponse(responseCode = "400", description = "The certificate number is over 40 characters")
    @APIResponse(
            responseCode = "404",
            description = "You have no tree with the certificate, or no station has photographed its plot yet")
    public Uni<TreePhotoView> photo(@PathParam("certificateNo") @Size(max = 40) String certificateNo) {
        return planting.latestPhoto(caller.getSubject(), certificateNo).map(TreePhotoView::of);
    }

    @POST
    @Path("protected-areas/{id}/claims")
    @Operation(
            summary = "Claim square metres of a protected area with your energy (409 when your balance does not "
                    + "cover them or fewer are left)")
    @APIResponseSchema(
            value = AreaClaimView.class,
            responseCode = "201",
            responseDescription = "The m² claimed, with the certificate")
    @APIResponse(responseCode = "409", description = "Your balance does not cover the m², or fewer are left to claim")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = {
                                @ExampleObject(
                                        name = "one-square-metre",
                                        summary = "人人一平米: one m² of the protected area",
                                        value = """
                                        {"m2": 1}""")
                            }))
    public Uni<Response> claimArea(@PathParam("id") UUID id, @NotNull @Valid AreaClaimRequest request, UriInfo uri) {
        return land.claimArea(caller.getSubject(), id, request.m2())
                .map((AreaClaim c) -> Created.at(uri, AreaClaimView.of(c), "me/land"));
    }

    @POST
    @Path("county-plots/{id}/claim")
    @Operation(summary = "Claim (认领) a county plot with your energy (409 when already claimed)")
    @APIResponseSchema(value = ClaimedPlotView.class, responseDescription = "The plot claimed, with the certificate")
    @APIResponse(responseCode = "409", description = "The plot is already claimed, or your balance does not cover it")
    public Uni<ClaimedPlotView> claimCountyPlot(@PathParam("id") UUID id) {
        return land.claimCountyPlot(caller.getSubject(), id).map(ClaimedPlotView::of);
    }

    @GET
    @Path("me/land")
    @Operation(summary = "Your protected-area m² and county plots, with their certificates")
    public Uni<MyLandView> myLand() {
        return land.land(caller.getSubject()).map(MyLandView::of);
    }
}
