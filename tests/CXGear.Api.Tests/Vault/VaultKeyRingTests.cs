using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Tests.Shared;
using Microsoft.Data.Sqlite;

namespace CXGear.Api.Tests.Vault;

/// <summary>With <c>DataProtection:Certificate:Path</c>, the key ring in the database is itself encrypted.</summary>
public sealed class VaultKeyRingTests : ApiTestBase
{
    /// <summary>SQLite only, whatever CXGEAR_TEST_ENGINE says: it reads the SQLite file directly.</summary>
    public VaultKeyRingTests() => Engine = TestEngine.Sqlite;

    private readonly string _pfx = Path.Combine(Path.GetTempPath(), $"cxgear-dp-{Guid.NewGuid():N}.pfx");

    protected override void Configure(CXGearApiFactory factory)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=CXGear Data Protection test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllBytes(_pfx, certificate.Export(X509ContentType.Pfx, "pfx-password"));
        factory.Settings["DataProtection:Certificate:Path"] = _pfx;
        factory.Settings["DataProtection:Certificate:Password"] = "pfx-password";
    }

    [OneTimeTearDown]
    public void DeleteCertificate() => File.Delete(_pfx);

    [Test]
    public async Task The_stored_key_ring_holds_no_plain_key_material()
    {
        var admin = await SignUpAsync();
        var put = await SendAsync(HttpMethod.Put, "/api/v1/vault/crm_token", new { value = "sk_live_0123456789abcdef" }, admin.AccessToken);
        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK), await put.Content.ReadAsStringAsync());

        await using var connection = new SqliteConnection(Factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Xml FROM DataProtectionKeys";
        var xml = (string)(await command.ExecuteScalarAsync())!;

        Assert.That(xml, Does.Contain("EncryptedData"), "the key is encrypted with the certificate");
        Assert.That(xml, Does.Not.Contain("<masterKey"), "no plain master key");
    }
}
