package dev.persona.recommend.service;

/** The strategies, in the service's terms ({@code AUTO} is the contract's STRATEGY_UNSPECIFIED). */
public enum Strategy {
    AUTO, POPULAR, TRENDING, ITEM_KNN, USER_KNN, MATRIX_FACTORIZATION, EASE, CONTENT, HYBRID
}
