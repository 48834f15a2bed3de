/**
 * An item of the catalogue as the strategies and the candidate filter see it
 * ({@link dev.persona.recommend.catalog.ItemInfo}: title, category, tags, price, whether it may be recommended). Plain
 * Java: it imports the JDK only, and every other package of the module may import it (the store builds these from
 * profile-service's items).
 */
package dev.persona.recommend.catalog;
