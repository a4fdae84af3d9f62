using System.Globalization;
using System.Text;
using CXGear.Client;

namespace CXGear.Cli.Tests;

/// <summary>One live API for the fixture; each test signs up its own organization and works in its own folder.</summary>
public abstract class CliTestBase
{
    protected const string Password = "correct horse battery staple";

    protected LiveApi Api { get; private set; } = null!;

    [OneTimeSetUp]
    public void StartApi() => Api = new LiveApi();

    [OneTimeTearDown]
    public void StopApi() => Api.Dispose();

    protected sealed record Org(CXGearClient User, string Email, Guid ProjectId, Guid TableId, string Key, string Folder);

    /// <summary>An organization with a project, a table (n, name, phone) and a key with both scopes.</summary>
    protected async Task<Org> ArrangeAsync()
    {
        var email = $"ada.{Guid.NewGuid():N}@example.com";
        var user = CXGearClient.Anonymous(Api.BaseAddress);
        await user.SignUpAsync("Acme " + Guid.NewGuid().ToString("N")[..6], "Ada Admin", email, Password);
        var project = await user.CreateProjectAsync("Leads");
        var table = await user.CreateDataTableAsync(project.Id, "Contacts", ["n", "name", "phone"]);
        var key = await user.CreateApiKeyAsync("CLI", ["ingest", "trigger"]);
        var folder = Path.Combine(Api.Root, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return new Org(user, email, project.Id, table.Id, key.Secret, folder);
    }

    protected Dictionary<string, string> KeyEnvironment(Org org) => new()
    {
        ["CXGEAR_API_URL"] = Api.BaseAddress.ToString(),
        ["CXGEAR_API_KEY"] = org.Key,
    };

    /// <summary>
    /// A CSV of <paramref name="rows"/> contacts numbered from 1 in column n; every 7th name has a quoted comma and
    /// quotes, every 11th a line break inside quotes, so record and line numbers part ways as in real exports.
    /// </summary>
    protected static string WriteCsv(string folder, int rows, string header = "n,name,phone", bool bom = true)
    {
        var path = Path.Combine(folder, "contacts.csv");
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: bom));
        writer.Write(header + "\r\n");
        for (var i = 1; i <= rows; i++)
        {
            var name = (i % 7, i % 11) switch
            {
                (0, _) => $"\"Name, \"\"{i}\"\"\"",
                (_, 0) => $"\"Name\n{i}\"",
                _ => $"Name {i}",
            };
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"{i},{name},+1555{i:D5}\r\n"));
        }

        return path;
    }

    /// <summary>Every row's n, read back through the API.</summary>
    protected static async Task<List<long>> NumbersAsync(Org org)
    {
        var numbers = new List<long>();
        for (var page = 1; ; page++)
        {
            var rows = await org.User.GetRowsAsync(org.TableId, page, 200);
            numbers.AddRange(rows.Items.Select(r => long.Parse(r.Values["n"].ToString()!, CultureInfo.InvariantCulture)));
            if (rows.Items.Count < 200)
            {
                return numbers;
            }
        }
    }
}
