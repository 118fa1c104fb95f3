package org.gongyi.forest.domain;

/** The low-carbon actions partners report (the {@code actionType} of {@code lowcarbon.action-recorded}). */
public enum ActionType {
    WALKING,
    OFFLINE_PAYMENT,
    UTILITY_BILL,
    CINEMA_TICKET,
    TRAIN_TICKET,
    HOSPITAL_APPOINTMENT,
    METRO_RIDE,
    BUS_RIDE,
    ETC_TOLL,
    E_INVOICE
}
