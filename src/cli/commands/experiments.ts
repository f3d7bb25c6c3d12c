/** `fprisk experiments schema`: the JSON Schema of a study file, for editors and validators. */
import type { CommandModule } from "yargs";
import { studySchemaText } from "../../experiments/study/schema.js";
import { examples } from "../help.js";

const schema: CommandModule<object, object> = {
  command: "schema",
  describe: "print the JSON Schema of a study file (what `reproduce --config` reads)",
  builder: (y) =>
    y.epilog(
      examples(
        [
          ["$0 experiments schema > study.schema.json", "save it for an editor's completion"],
          ["$0 reproduce --config my-study.json --out my-results", "run a study written against it"],
        ],
        'A study starts from experiments/paper.json: point its "$schema" at the saved file.',
      ),
    ) as never,
  handler: () => {
    process.stdout.write(studySchemaText());
  },
};

export const EXPERIMENT_ACTIONS = ["schema"];

export const experimentsCommand: CommandModule<object, object> = {
  command: "experiments",
  describe: "study files for `reproduce`: schema (has --help)",
  builder: (y) =>
    y
      .command(schema)
      .demandCommand(1, "name an action: schema")
      .epilog(examples([["$0 experiments schema", "the JSON Schema of a study file"]])) as never,
  handler: () => {},
};
