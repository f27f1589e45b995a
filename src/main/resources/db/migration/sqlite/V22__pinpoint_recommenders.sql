-- Recommender configurations (Create/Get/Update/DeleteRecommenderConfiguration, GetRecommenderConfigurations), per
-- account and region: the RecommenderConfigurationResponse as JSON, listed in creation order (created_seq).
CREATE TABLE pinpoint_recommender (
    account_id     TEXT NOT NULL,
    region         TEXT NOT NULL,
    id             TEXT NOT NULL,
    created_seq    BIGINT NOT NULL,
    configuration  TEXT NOT NULL,
    PRIMARY KEY (account_id, region, id)
);
CREATE INDEX pinpoint_recommender_order ON pinpoint_recommender (account_id, region, created_seq);
