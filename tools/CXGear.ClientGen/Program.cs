using CXGear.ClientGen;

// dotnet run --project tools/CXGear.ClientGen [-- <openapi.json> <output.cs>]: the paths default to the repository's.
var root = ClientCode.RepositoryRoot();
var document = args.Length > 0 ? args[0] : Path.Combine(root, ClientCode.DocumentPath);
var output = args.Length > 1 ? args[1] : Path.Combine(root, ClientCode.GeneratedPath);

var code = await ClientCode.GenerateAsync(await File.ReadAllTextAsync(document));
await File.WriteAllTextAsync(output, code);
Console.WriteLine($"{Path.GetRelativePath(root, output)}: {code.Length:N0} characters from {Path.GetRelativePath(root, document)}");
