"""Schema of the DuckDB store, as numbered migrations. A store records the version it is at; opening
it applies the missing migrations in one transaction each. Never edit a released migration: add one."""

from __future__ import annotations

MIGRATIONS: tuple[tuple[int, str], ...] = (
    (
        1,
        """
        CREATE TABLE articles (
            id VARCHAR PRIMARY KEY,
            url VARCHAR,
            source VARCHAR,
            title VARCHAR,
            standfirst VARCHAR,
            author VARCHAR,
            published VARCHAR,            -- ISO 8601 as stated: a date, or a time with its zone
            published_date DATE,
            published_evidence VARCHAR,   -- where the date came from and how its order was decided
            language VARCHAR,
            language_score DOUBLE,
            status VARCHAR NOT NULL,      -- 'ok', or why extraction is not available
            text VARCHAR NOT NULL,
            captions VARCHAR[] NOT NULL,
            removed JSON NOT NULL,        -- [{"text", "reason"}]: every line the cleaner removed
            raw_format VARCHAR NOT NULL,
            input_ref VARCHAR NOT NULL,
            input_id VARCHAR,
            raw_sha256 VARCHAR NOT NULL,
            encoding VARCHAR,
            fetched_at TIMESTAMPTZ,
            stored_at TIMESTAMPTZ NOT NULL
        );
        CREATE TABLE article_signatures (
            article_id VARCHAR PRIMARY KEY,
            minhash BLOB NOT NULL         -- 128 little-endian uint32: the MinHash signature
        );
        CREATE TABLE near_duplicates (
            article_id VARCHAR NOT NULL,
            duplicate_of VARCHAR NOT NULL,
            similarity DOUBLE NOT NULL,
            PRIMARY KEY (article_id, duplicate_of)
        );
        -- Every input that became an article (or matched a stored one), by the hash of its bytes, so
        -- a re-run skips it without cleaning it again.
        CREATE TABLE inputs (
            raw_sha256 VARCHAR PRIMARY KEY,
            input_ref VARCHAR NOT NULL,
            article_id VARCHAR NOT NULL,
            outcome VARCHAR NOT NULL,     -- 'stored' or 'already-stored'
            first_seen TIMESTAMPTZ NOT NULL
        );
        CREATE TABLE failures (
            input_key VARCHAR PRIMARY KEY,
            input_ref VARCHAR NOT NULL,
            input_id VARCHAR,
            stage VARCHAR NOT NULL,
            reason VARCHAR NOT NULL,
            message VARCHAR NOT NULL,
            first_seen TIMESTAMPTZ NOT NULL,
            last_seen TIMESTAMPTZ NOT NULL,
            times_seen INTEGER NOT NULL
        );
        """,
    ),
    (
        2,
        """
        -- One row per event mention: one event as one article tells it (records.Mention). The
        -- columns carry ACLED's names; the geographic ones stay empty until geocoding.
        CREATE TABLE mentions (
            article_id VARCHAR NOT NULL,
            number INTEGER NOT NULL,       -- the mention's place among its article's, from 0
            event_date DATE,
            time_precision INTEGER,
            date_rule VARCHAR,             -- how the date was found
            disorder_type VARCHAR,
            event_type VARCHAR NOT NULL,
            sub_event_type VARCHAR NOT NULL,
            actor1 VARCHAR,
            assoc_actor_1 VARCHAR,
            inter1 INTEGER,
            actor2 VARCHAR,
            assoc_actor_2 VARCHAR,
            inter2 INTEGER,
            interaction INTEGER,
            civilian_targeting BOOLEAN NOT NULL,
            location VARCHAR,              -- the place anchor as written
            country VARCHAR,
            iso3 VARCHAR,
            admin1 VARCHAR,
            admin2 VARCHAR,
            latitude DOUBLE,
            longitude DOUBLE,
            geo_precision INTEGER,
            geonameid BIGINT,
            fatalities INTEGER NOT NULL,
            fatalities_low INTEGER,
            fatalities_high INTEGER,
            notes VARCHAR NOT NULL,
            attribution JSON NOT NULL,     -- [{"source", "stance", "start", "end"}]
            contested BOOLEAN NOT NULL,
            claims JSON NOT NULL,          -- [{"source", "stance", "text", "start", "end"}]
            confidence DOUBLE NOT NULL,
            evidence JSON NOT NULL,        -- [{"field", "start", "end", "text", "part"}]
            cameo_root VARCHAR,
            plover VARCHAR,
            PRIMARY KEY (article_id, number)
        );
        """,
    ),
    (
        3,
        """
        -- Fused events, as readers see them (records.Event with an analyst's review applied):
        -- derived from the mentions after every ingest batch, so the API and exports read them
        -- without fusing. `machine` keeps the machine's values of the fields a reviewer edited.
        -- The derived tables have no key index: they are replaced whole, and DuckDB's commit of
        -- a replaced index costs seconds per 100,000 rows; fusion makes their ids unique.
        CREATE TABLE events (
            event_id VARCHAR NOT NULL,
            event_date DATE,
            time_precision INTEGER,
            disorder_type VARCHAR,
            event_type VARCHAR NOT NULL,
            sub_event_type VARCHAR NOT NULL,
            actor1 VARCHAR,
            assoc_actor_1 VARCHAR,
            inter1 INTEGER,
            actor2 VARCHAR,
            assoc_actor_2 VARCHAR,
            inter2 INTEGER,
            interaction INTEGER,
            civilian_targeting BOOLEAN NOT NULL,
            country VARCHAR,
            iso3 VARCHAR,
            admin1 VARCHAR,
            admin2 VARCHAR,
            location VARCHAR,
            latitude DOUBLE,
            longitude DOUBLE,
            geonameid BIGINT,
            geo_precision INTEGER,
            fatalities INTEGER NOT NULL,
            fatalities_low INTEGER NOT NULL,
            fatalities_high INTEGER NOT NULL,
            contested BOOLEAN NOT NULL,
            disagreements VARCHAR[] NOT NULL,
            notes VARCHAR NOT NULL,
            source_count INTEGER NOT NULL,
            outlets VARCHAR[] NOT NULL,
            territorial BOOLEAN NOT NULL,  -- a report tells a change of control
            search_text VARCHAR NOT NULL,  -- lower-cased place, actors and trigger words
            sources JSON NOT NULL,         -- [records.Source]
            claims JSON NOT NULL,          -- [records.Claim]
            review_status VARCHAR,         -- NULL, 'confirmed', 'edited' or 'rejected'
            machine JSON                   -- {field: machine value} of the fields edited
        );
        CREATE TABLE event_mentions (
            event_id VARCHAR NOT NULL,
            article_id VARCHAR NOT NULL,
            number INTEGER NOT NULL
        );
        CREATE TABLE control_changes (
            geonameid BIGINT NOT NULL,
            date DATE NOT NULL,
            place VARCHAR,
            country VARCHAR,
            latitude DOUBLE,
            longitude DOUBLE,
            from_actor VARCHAR,
            to_actor VARCHAR,
            contested BOOLEAN NOT NULL,
            claimants VARCHAR[] NOT NULL,
            events VARCHAR[] NOT NULL,
            PRIMARY KEY (geonameid, date)
        );
        -- Analyst review. The current state per event, applied whenever events are derived...
        CREATE TABLE event_reviews (
            event_id VARCHAR PRIMARY KEY,
            status VARCHAR NOT NULL,       -- 'confirmed', 'edited' or 'rejected'
            fields JSON NOT NULL,          -- {field: value} the reviewers set
            reviewer VARCHAR NOT NULL,
            reviewed_at TIMESTAMPTZ NOT NULL,
            comment VARCHAR
        );
        -- ... the mentions a reviewer put in an event (merges and splits) ...
        CREATE TABLE review_pins (
            article_id VARCHAR NOT NULL,
            number INTEGER NOT NULL,
            event_id VARCHAR NOT NULL,
            PRIMARY KEY (article_id, number)
        );
        -- ... and every edit ever made: who, when, the values before and after.
        CREATE SEQUENCE review_log_ids;
        CREATE TABLE review_log (
            id BIGINT PRIMARY KEY DEFAULT nextval('review_log_ids'),
            event_id VARCHAR NOT NULL,
            reviewer VARCHAR NOT NULL,
            reviewed_at TIMESTAMPTZ NOT NULL,
            action VARCHAR NOT NULL,       -- 'confirm', 'edit', 'reject', 'merge', 'split'
            before JSON,
            after JSON,
            comment VARCHAR
        );
        """,
    ),
    (
        4,
        """
        -- An event's fields as a list shows them, as one JSON object (see store.events): a page
        -- of events reads this column alone. Written with every row from now on; filled here
        -- for the rows already kept.
        ALTER TABLE events ADD COLUMN summary VARCHAR;
        UPDATE events SET summary = CAST(to_json({
            'event_id': event_id, 'event_date': event_date, 'time_precision': time_precision,
            'disorder_type': disorder_type, 'event_type': event_type,
            'sub_event_type': sub_event_type, 'actor1': actor1, 'assoc_actor_1': assoc_actor_1,
            'inter1': inter1, 'actor2': actor2, 'assoc_actor_2': assoc_actor_2, 'inter2': inter2,
            'interaction': interaction, 'civilian_targeting': civilian_targeting,
            'country': country, 'iso3': iso3, 'admin1': admin1, 'admin2': admin2,
            'location': location, 'latitude': latitude, 'longitude': longitude,
            'geonameid': geonameid, 'geo_precision': geo_precision, 'fatalities': fatalities,
            'fatalities_low': fatalities_low, 'fatalities_high': fatalities_high,
            'contested': contested, 'disagreements': disagreements, 'notes': notes,
            'source_count': source_count, 'outlets': outlets, 'review_status': review_status
        }) AS VARCHAR);
        """,
    ),
    (
        5,
        """
        -- The sentence vector of each mention (fuse.embed), computed once when its events are
        -- first derived: fusion compares the words that tell two reports. `model` names the
        -- model, so vectors of another model are computed anew rather than compared.
        CREATE TABLE mention_vectors (
            article_id VARCHAR NOT NULL,
            number INTEGER NOT NULL,
            model VARCHAR NOT NULL,
            vector FLOAT[384] NOT NULL,
            PRIMARY KEY (article_id, number)
        );
        """,
    ),
)

LATEST_VERSION = MIGRATIONS[-1][0]
