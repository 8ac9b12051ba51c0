import { Alert, List } from '@mantine/core';

interface ResultsEmptyProps {
  rangeLabel: string;
  includePartialMatches: boolean;
}

/** Says why the table is empty and what might fill it. */
export function ResultsEmpty({ rangeLabel, includePartialMatches }: ResultsEmptyProps) {
  return (
    <Alert color="gray" title="Atlas returned no usage for this query">
      Atlas answered with no charges for {rangeLabel} that match the chosen organization, projects,
      clusters and services, so there is no total to show.
      <List size="sm" mt="xs">
        {!includePartialMatches && (
          <List.Item>
            Turn on “Include partially matching charges” to add charges not tied to a chosen project
            or cluster, such as support and credits.
          </List.Item>
        )}
        <List.Item>Widen the month range, or remove some filters.</List.Item>
      </List>
    </Alert>
  );
}
