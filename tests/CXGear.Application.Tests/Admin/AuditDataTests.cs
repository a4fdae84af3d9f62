using System.Text.Json;
using CXGear.Application.Common.Auditing;

namespace CXGear.Application.Tests.Admin;

public sealed class AuditDataTests
{
    [Test]
    public void A_stored_object_comes_back_as_that_object()
    {
        var data = AuditData.Parse("""{"from":"trial","to":"pro","count":2}""");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(data.ValueKind, Is.EqualTo(JsonValueKind.Object));
            Assert.That(data.GetProperty("from").GetString(), Is.EqualTo("trial"));
            Assert.That(data.GetProperty("count").GetInt32(), Is.EqualTo(2));
        }
    }

    [TestCase("not json")]
    [TestCase("[1,2]")]
    [TestCase("\"text\"")]
    public void Anything_but_an_object_is_wrapped_instead_of_breaking_the_list(string stored)
    {
        var data = AuditData.Parse(stored);

        Assert.That(data.ValueKind, Is.EqualTo(JsonValueKind.Object));
        Assert.That(data.GetProperty("raw").GetString(), Is.EqualTo(stored));
    }
}
