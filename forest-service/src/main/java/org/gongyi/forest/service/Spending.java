package org.gongyi.forest.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.http.ProblemException;
import org.gongyi.forest.persistence.EnergyAccounts;

/** Spending a balance, in the caller's transaction, or a 409 saying what the balance is. */
@ApplicationScoped
public class Spending {

    private final EnergyAccounts accounts;

    public Spending(EnergyAccounts accounts) {
        this.accounts = accounts;
    }

    /** Spends {@code grams} of the user's balance, or fails with 409 saying what the balance is. */
    Uni<Void> spend(String user, long grams, String what) {
        return accounts.spend(user, grams)
                .chain(ok -> ok ? Uni.createFrom().voidItem() : notEnough(user, grams, what, "your balance"));
    }

    /** As {@link #spend} without the totals (see {@link EnergyAccounts#debit}). */
    Uni<Void> debit(String user, long grams, String what, String whose) {
        return accounts.debit(user, grams)
                .chain(ok -> ok ? Uni.createFrom().voidItem() : notEnough(user, grams, what, whose));
    }

    private <T> Uni<T> notEnough(String user, long grams, String what, String whose) {
        return accounts.balance(user).map(b -> {
            throw ProblemException.conflict(
                    "Not enough energy: " + what + " costs " + grams + " g, " + whose + " is " + b + " g");
        });
    }
}
