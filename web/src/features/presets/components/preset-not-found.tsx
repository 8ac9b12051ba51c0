import { Button, Paper, Stack, Text, Title } from '@mantine/core';

/** A share link whose preset is gone (deleted, or never existed): a way on, not an error. */
export function PresetNotFound({ onHome }: { onHome: () => void }) {
  return (
    <Paper
      withBorder
      p="xl"
      maw={640}
      mx="auto"
      mt="xl"
      component="section"
      aria-labelledby="preset-not-found"
    >
      <Stack gap="md" align="flex-start">
        <Title order={2} id="preset-not-found">
          Saved view not found
        </Title>
        <Text>This link doesn't lead to a saved view — it may have been deleted.</Text>
        <Button
          component="a"
          href="/"
          onClick={(event) => {
            event.preventDefault();
            onHome();
          }}
        >
          Go to the dashboard
        </Button>
      </Stack>
    </Paper>
  );
}
