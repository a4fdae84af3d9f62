using CXGear.Api.Tests.Infrastructure;

namespace CXGear.Api.Tests.ApiKeys;

/// <summary>An API host per fixture; after every test, no secret the test saw may be in the captured logs.</summary>
public abstract class ApiKeysTestBase : ApiTestBase
{
    private ApiKeyClient? _keys;

    internal ApiKeyClient Keys => _keys ??= new ApiKeyClient((method, url, body, token) => SendAsync(method, url, body, token), Factory);

    [TearDown]
    public void NoSecretReachedTheLogs() => Keys.AssertNoSecretLogged();
}
