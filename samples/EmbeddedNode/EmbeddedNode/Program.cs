using EmbeddedNode;

await EmbeddedNodeApp.Build(args).RunAsync();
