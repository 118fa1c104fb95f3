package org.gongyi.donation.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.http.ProblemException;
import org.gongyi.common.persistence.Db;
import org.gongyi.common.persistence.Ids;
import org.gongyi.common.time.ChinaTime;
import org.gongyi.donation.DonationConfig;
import org.gongyi.donation.domain.Benefits;
import org.gongyi.donation.domain.InvalidEnrolmentException;
import org.gongyi.donation.domain.Programme;
import org.gongyi.donation.persistence.Beneficiaries;
import org.gongyi.donation.persistence.Beneficiary;
import org.gongyi.donation.persistence.Benefit;
import org.gongyi.donation.persistence.BenefitClaim;
import org.gongyi.donation.persistence.CharityProgramme;
import org.gongyi.donation.persistence.Organisations;
import org.gongyi.donation.persistence.Payout;
import org.gongyi.donation.persistence.Programmes;
import org.gongyi.donation.persistence.Projects;
import org.gongyi.events.contract.BenefitBought;
import org.gongyi.events.contract.ClaimPaid;
import org.gongyi.events.contract.JobsReported;
import org.gongyi.events.outbox.Outbox;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Beneficiary programmes: a verified charity runs one on one of its projects and enrols the people it helps; each
 * closed payout of the project buys benefits for them ({@link #buyWith}); the insurer's paid claims are recorded
 * against covers. Charities manage their own programmes only; beneficiaries are read by their programme's charity and
 * by auditors ({@code org} null below means an auditor).
 */
@ApplicationScoped
public class ProgrammeService {

    /** A programme to run: for insurance, the national-level poor counties the charity lists. */
    public record Draft(String name, Programme.Kind kind, long unitFen, Set<String> poorCounties) {}

    /** A programme and its county list. */
    public record Listed(CharityProgramme programme, List<String> poorCounties) {}

    /** A beneficiary with what payouts bought them and the claims paid against their covers. */
    public record Enrolment(Beneficiary beneficiary, List<Benefit> benefits, List<BenefitClaim> claims) {}

    /** A claim the insurer paid: its reference, amount and day. */
    public record PaidClaim(String reference, long amountFen, LocalDate paidOn) {}

    private static final String NO_COUNTY_LIST = "a mothers' business programme keeps no poor-county list";

    private final Db db;
    private final Programmes programmes;
    private final Beneficiaries beneficiaries;
    private final Projects projects;
    private final Organisations organisations;
    private final Outbox outbox;
    private final Clock clock;
    private final DonationConfig config;

    public ProgrammeService(
            Db db,
            Programmes programmes,
            Beneficiaries beneficiaries,
            Projects projects,
            Organisations organisations,
            Outbox outbox,
            Clock clock,
            DonationConfig config) {
        this.config = config;
        this.db = db;
        this.programmes = programmes;
        this.beneficiaries = beneficiaries;
        this.projects = projects;
        this.organisations = organisations;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Starts a programme on a project of the caller's organisation ({@code org} null: an admin, for any). */
    public Uni<Listed> create(UUID projectId, String org, Draft draft) {
        Programme rule = rule(draft.kind(), draft.unitFen());
        if (rule.kind() == Programme.Kind.MOTHERS_BUSINESS
                && !draft.poorCounties().isEmpty()) {
            throw ProblemException.badRequest(NO_COUNTY_LIST);
        }
        return db.transaction(() -> projects.find(projectId)
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound("No project " + projectId))
                .call(project -> {
                    if (org != null && !org.equals(project.charityId())) {
                        throw ProblemException.forbidden("Project " + projectId + " belongs to another organisation");
                    }
                    return organisations.find(project.charityId()).invoke(o -> {
                        if (o == null || !o.verified()) {
                            throw ProblemException.conflict(
                                    "Organisation " + project.charityId() + " is not verified yet");
                        }
                    });
                })
                .chain(project -> programmes.insert(CharityProgramme.started(
                        Ids.next(), projectId, project.charityId(), rule, draft.name(), clock.instant())))
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.conflict("Project " + projectId + " runs a programme already"))
                .call(p -> programmes.replaceCounties(p.id(), draft.poorCounties()))
                .map(p -> new Listed(p, draft.poorCounties().stream().sorted().toList())));
    }

    public Uni<Listed> get(UUID id) {
        return programmes
                .find(id)
                .onItem()
                .ifNull()
                .failWith(() -> notFound(id))
                .chain(p -> programmes.counties(id).map(c -> new Listed(p, c)));
    }

    public Uni<List<CharityProgramme>> list(int page, int size) {
        return programmes.page(page, size);
    }

    /** Replaces an insurance programme's poor-county list; enrolments made before stay. */
    public Uni<Listed> replaceCounties(UUID id, String org, Set<String> counties) {
        return db.transaction(() -> managed(id, org)
                .invoke(p -> {
                    if (p.kind() != Programme.Kind.HEALTH_INSURANCE) {
                        throw ProblemException.badRequest(NO_COUNTY_LIST);
                    }
                })
                .call(p -> programmes.replaceCounties(id, counties))
                .map(p -> new Listed(p, counties.stream().sorted().toList())));
    }

    /**
     * Enrols an applicant checked by the programme's rule (400 saying why not); 409 when the reference or the
     * household is enrolled in the programme already, or the shop in any programme.
     */
    public Uni<Beneficiary> enrol(UUID programmeId, String org, Programme.Applicant applicant, String reference) {
        return db.transaction(() -> managed(programmeId, org)
                .chain(p -> programmes.counties(programmeId).map(counties -> {
                    try {
                        p.rule().check(applicant, new HashSet<>(counties));
                        return new Beneficiary.Draft(
                                reference,
                                applicant.county(),
                                applicant.householdId(),
                                Programme.ageBand(applicant.age()),
                                applicant.sellerId());
                    } catch (InvalidEnrolmentException e) {
                        throw ProblemException.badRequest(e.getMessage());
                    }
                }))
                .chain(draft -> beneficiaries
                        .enrol(Ids.next(), programmeId, draft, clock.instant())
                        .onItem()
                        .ifNull()
                        .switchTo(() -> beneficiaries
                                .collision(programmeId, draft)
                                .map(c -> {
                                    throw ProblemException.conflict(
                                            c == null
                                                    ? "The enrolment collides with another made at the same moment"
                                                    : c.sameReference()
                                                            ? "Reference " + reference
                                                                    + " is enrolled in this programme already"
                                                            : c.sameHousehold()
                                                                    ? "This household is enrolled in this programme already"
                                                                    : "This shop is enrolled in a programme already");
                                }))));
    }

    public Uni<List<Beneficiary>> beneficiaries(UUID programmeId, String org, int page, int size) {
        return readable(programmeId, org).chain(p -> beneficiaries.page(programmeId, page, size));
    }

    public Uni<Enrolment> enrolment(UUID programmeId, UUID beneficiaryId, String org) {
        return readable(programmeId, org)
                .chain(p -> beneficiaries.find(programmeId, beneficiaryId))
                .onItem()
                .ifNull()
                .failWith(() ->
                        ProblemException.notFound("No beneficiary " + beneficiaryId + " in programme " + programmeId))
                .chain(b -> beneficiaries
                        .benefitsOf(b.id())
                        .chain(benefits -> beneficiaries.claimsOf(b.id()).map(c -> new Enrolment(b, benefits, c))));
    }

    /**
     * Records a claim the insurer paid against a cover of an insurance programme: 404 for another programme's cover,
     * 400 for a day before the cover began or in the future, 409 for a reference recorded against the cover already.
     */
    public Uni<BenefitClaim> recordClaim(UUID programmeId, UUID benefitId, String org, PaidClaim paid) {
        Instant now = clock.instant();
        if (paid.paidOn().isAfter(LocalDate.ofInstant(now, ChinaTime.ZONE))) {
            throw ProblemException.badRequest("paidOn cannot be in the future");
        }
        return db.transaction(() -> managed(programmeId, org).chain(p -> {
            if (p.kind() != Programme.Kind.HEALTH_INSURANCE) {
                throw ProblemException.conflict("A mothers' business programme has no insurance claims");
            }
            return beneficiaries
                    .benefit(programmeId, benefitId)
                    .onItem()
                    .ifNull()
                    .failWith(() -> ProblemException.notFound("No cover " + benefitId + " in programme " + programmeId))
                    .invoke(cover -> {
                        if (paid.paidOn().isBefore(cover.startsOn())) {
                            throw ProblemException.badRequest(
                                    "the cover began on " + cover.startsOn() + ", after paidOn " + paid.paidOn());
                        }
                    })
                    .chain(cover -> beneficiaries
                            .recordClaim(new BenefitClaim(
                                    Ids.next(), benefitId, paid.reference(), paid.amountFen(), paid.paidOn(), now))
                            .onItem()
                            .ifNull()
                            .failWith(() -> ProblemException.conflict(
                                    "Claim " + paid.reference() + " is recorded against this cover already"))
                            .call(c -> programmes.claimPaid(programmeId, c.amountFen()))
                            .call(c -> outbox.append(new ClaimPaid(
                                    programmeId.toString(),
                                    p.projectId().toString(),
                                    c.id().toString(),
                                    benefitId.toString(),
                                    cover.beneficiaryId().toString(),
                                    c.amountFen(),
                                    c.paidOn(),
                                    now))));
        }));
    }

    /**
     * Records the jobs a mothers' business programme's shops created in a month (a later report of the month replaces
     * the earlier): 409 for an insurance programme, 400 for a month to come.
     */
    public Uni<Programmes.MonthJobs> reportJobs(UUID programmeId, String org, YearMonth month, int jobs) {
        Instant now = clock.instant();
        if (month.isAfter(YearMonth.from(LocalDate.ofInstant(now, ChinaTime.ZONE)))) {
            throw ProblemException.badRequest("month " + month + " has not begun");
        }
        return db.transaction(() -> managed(programmeId, org).chain(p -> {
            if (p.kind() != Programme.Kind.MOTHERS_BUSINESS) {
                throw ProblemException.conflict("Jobs are reported by mothers' business programmes");
            }
            return programmes
                    .reportJobs(new Programmes.MonthJobs(programmeId, month, jobs, now))
                    .call(r -> outbox.append(new JobsReported(
                            programmeId.toString(), p.projectId().toString(), month, jobs, now)));
        }));
    }

    /** The jobs reported, by month. */
    public Uni<List<Programmes.MonthJobs>> jobs(UUID programmeId) {
        return get(programmeId).chain(p -> programmes.jobs(programmeId));
    }

    /** The programme an enrolled mother's shop belongs to, as her items show it; null for other shops. */
    public Uni<CharityProgramme> ofShop(String sellerId) {
        return programmes.ofShop(sellerId);
    }

    public Uni<BenefitClaim> claim(UUID programmeId, UUID claimId, String org) {
        return readable(programmeId, org)
                .chain(p -> beneficiaries.claim(programmeId, claimId))
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound("No claim " + claimId + " in programme " + programmeId));
    }

    /**
     * What a closed payout buys for its project's programme, in the settlement's transaction: whole benefits for those
     * waiting in enrolment order as far as the payout and what earlier payouts carried go (a cover from the day the
     * period ended), the rest carried; one {@code donation.benefit-bought} each.
     */
    public Uni<Void> buyWith(Payout payout) {
        return programmes
                .ofProject(payout.projectId())
                .chain(found -> found == null
                        ? Uni.createFrom().voidItem()
                        : programmes.lock(found.id()).chain(p -> buy(p, payout)));
    }

    private Uni<Void> buy(CharityProgramme p, Payout payout) {
        LocalDate startsOn = LocalDate.ofInstant(payout.periodEnd(), ChinaTime.ZONE);
        int affordable = Benefits.affordable(payout.netFen(), p.carriedFen(), p.unitFen());
        return buyChunks(p, payout, startsOn, 0, affordable, new Bought(0, 0)).chain(total -> {
            Benefits.Purchase purchase = Benefits.buy(payout.netFen(), p.carriedFen(), p.unitFen(), total.benefits());
            return programmes.bought(
                    p.id(), purchase.carriedFen(), purchase.bought(), purchase.spentFen(), total.newlyHelped());
        });
    }

    /** Benefits bought so far by one payout, and how many of them were people's first. */
    private record Bought(int benefits, long newlyHelped) {}

    /**
     * Buys up to {@code left} benefits for those waiting after enrolment number {@code after}, a chunk at a time (the
     * next chunk starts where this one ended), each with its events.
     */
    private Uni<Bought> buyChunks(
            CharityProgramme p, Payout payout, LocalDate startsOn, long after, int left, Bought so) {
        if (left == 0) {
            return Uni.createFrom().item(so);
        }
        int chunk = Math.min(left, config.benefitChunk());
        return beneficiaries.waiting(p.id(), startsOn, after, chunk).chain(helped -> {
            if (helped.isEmpty()) {
                return Uni.createFrom().item(so);
            }
            Instant now = payout.createdAt();
            LocalDate endsOn = p.rule().endsOn(startsOn);
            List<Benefit> bought = new ArrayList<>(helped.size());
            Map<UUID, String> county = new HashMap<>();
            for (Beneficiary b : helped) {
                bought.add(new Benefit(Ids.next(), p.id(), b.id(), payout.id(), p.unitFen(), startsOn, endsOn, now));
                county.put(b.id(), b.county());
            }
            return beneficiaries
                    .insertBenefits(bought, now)
                    .call(() -> outbox.appendAll(bought.stream()
                            .map(b -> event(p, payout, b, county.get(b.beneficiaryId())))
                            .toList()))
                    .chain(newlyHelped -> {
                        Bought sum = new Bought(so.benefits() + helped.size(), so.newlyHelped() + newlyHelped);
                        return helped.size() < chunk
                                ? Uni.createFrom().item(sum)
                                : buyChunks(
                                        p, payout, startsOn, helped.getLast().enrolmentNo(), left - chunk, sum);
                    });
        });
    }

    private static BenefitBought event(CharityProgramme p, Payout payout, Benefit b, String county) {
        return new BenefitBought(
                p.id().toString(),
                p.projectId().toString(),
                p.kind().name(),
                b.id().toString(),
                b.beneficiaryId().toString(),
                payout.id().toString(),
                county,
                b.amountFen(),
                b.startsOn(),
                b.endsOn(),
                b.boughtAt());
    }

    private static Programme rule(Programme.Kind kind, long unitFen) {
        try {
            return Programme.of(kind, unitFen);
        } catch (InvalidEnrolmentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
    }

    /** The programme, for its own charity to manage (locked until the transaction ends). */
    private Uni<CharityProgramme> managed(UUID id, String org) {
        return programmes
                .lock(id)
                .onItem()
                .ifNull()
                .failWith(() -> notFound(id))
                .invoke(p -> {
                    if (!p.charityId().equals(org)) {
                        throw ProblemException.forbidden("Programme " + id + " belongs to another organisation");
                    }
                });
    }

    /** The programme, for its charity or an auditor ({@code org} null) to read. */
    private Uni<CharityProgramme> readable(UUID id, String org) {
        return programmes
                .find(id)
                .onItem()
                .ifNull()
                .failWith(() -> notFound(id))
                .invoke(p -> {
                    if (org != null && !p.charityId().equals(org)) {
                        throw ProblemException.forbidden(
                                "Programme " + id + "'s beneficiaries are its charity's to read");
                    }
                });
    }

    private static ProblemException notFound(UUID id) {
        return ProblemException.notFound("No programme " + id);
    }
}
