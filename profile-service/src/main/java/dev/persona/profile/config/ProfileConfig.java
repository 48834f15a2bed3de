package dev.persona.profile.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;

/** Every tunable of profile-service, under the {@code persona.} prefix of application.properties. */
@ConfigMapping(prefix = "persona")
public interface ProfileConfig {

    Validation validation();

    Ingest ingest();

    Feed feed();

    Profile profile();

    /** Input limits. */
    interface Validation {
        @WithName("rating-min")
        double ratingMin();

        @WithName("rating-max")
        double ratingMax();

        @WithName("max-attributes")
        int maxAttributes();

        @WithName("max-attribute-key-length")
        int maxAttributeKeyLength();

        @WithName("max-attribute-value-length")
        int maxAttributeValueLength();

        @WithName("max-tags")
        int maxTags();

        @WithName("max-title-length")
        int maxTitleLength();

        @WithName("max-future-skew")
        Duration maxFutureSkew();
    }

    /** Bulk ingestion. */
    interface Ingest {
        @WithName("batch-size")
        int batchSize();

        @WithName("max-rejections")
        int maxRejections();
    }

    /** Change feed and recent history in Redis. */
    interface Feed {
        @WithName("recent-cap")
        int recentCap();

        @WithName("max-length")
        long maxLength();

        @WithName("retry-after")
        Duration retryAfter();

        /** The services that follow the feed: an entry leaves once each of them has handled it. */
        @WithName("consumers")
        List<String> consumers();

        /** How often the feeds are trimmed of entries every consumer has handled. */
        @WithName("trim-every")
        Duration trimEvery();

        /** A replica that has not said how far it read for this long is taken as gone. */
        @WithName("reader-gone-after")
        Duration readerGoneAfter();
    }

    /** Derived profiles. */
    interface Profile {
        @WithName("half-life")
        Duration halfLife();

        @WithName("max-affinities")
        int maxAffinities();

        @WithName("item-cache-ttl")
        Duration itemCacheTtl();

        @WithName("item-cache-size")
        long itemCacheSize();

        Weight weight();
    }

    /** Weight of each event type in affinities. */
    interface Weight {
        double view();

        double click();

        @WithName("add-to-cart")
        double addToCart();

        double purchase();

        double rating();

        double impression();
    }
}
