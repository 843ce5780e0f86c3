package io.voicegate.persistence;

import java.util.Set;

/**
 * The tables in which a Jdbi store keeps rows about a person. {@link JdbiStores} collects them, and a schema test
 * fails when a table with a user column belongs to no store, so export and erasure stay complete.
 */
interface PersonalTables {

    Set<String> personalTables();
}
