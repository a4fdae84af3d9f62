using CXGear.Application.Spinners.Commands.CreateSpinner;
using CXGear.Application.Spinners.Queries.ListSpinnerVersions;
using CXGear.UseCases.Tests.Harness;

namespace CXGear.UseCases.Tests.Spinners;

/// <summary>
/// Versions and the Spinners meter. Publishing and listing versions over HTTP, PLAN_LIMIT's mapping and concurrent
/// publishes stay in Api.Tests (SpinnerPublishTests).
/// </summary>
public sealed class SpinnerPublishRulesTests : SpinnerTestBase
{
    [Test]
    public async Task Versions_are_paged()
    {
        var arranged = await ArrangeSpinnerAsync();
        for (var i = 0; i < 3; i++)
        {
            await PublishAsync(arranged.Admin, arranged.SpinnerId);
        }

        var page = await SendAsync(new ListSpinnerVersionsQuery(arranged.SpinnerId, Page: 2, PageSize: 2), arranged.Admin);

        Assert.That((page.Page, page.PageSize, page.Total), Is.EqualTo((2, 2, 3)));
        Assert.That(page.Items.Select(v => v.Version), Is.EqualTo(new[] { 1 }));
        await InvalidAsync(() => SendAsync(new ListSpinnerVersionsQuery(arranged.SpinnerId, PageSize: 201), arranged.Admin));
    }

    [Test]
    public async Task A_draft_only_spinner_has_no_versions()
    {
        var arranged = await ArrangeSpinnerAsync();

        var versions = await SendAsync(new ListSpinnerVersionsQuery(arranged.SpinnerId), arranged.Admin);

        Assert.That(versions.Total, Is.Zero);
    }

    [Test]
    public async Task Only_a_main_spinners_first_publish_takes_a_unit_of_the_spinners_meter()
    {
        var arranged = await ArrangeSpinnerAsync();
        var admin = arranged.Admin;
        Assert.That(await SpinnersMeterAsync(admin), Is.EqualTo((0L, (long?)2)), "drafts are free");

        await PublishAsync(admin, arranged.SpinnerId);
        Assert.That(await SpinnersMeterAsync(admin), Is.EqualTo((1L, (long?)2)));

        await PublishAsync(admin, arranged.SpinnerId);
        Assert.That(await SpinnersMeterAsync(admin), Is.EqualTo((1L, (long?)2)), "republishing does not count again");

        var child = await CreateSpinnerAsync(admin, arranged.ProjectId, arranged.TableId, "Retry", arranged.SpinnerId, new StartWhenInput("disposition", "Retry"));
        await PublishAsync(admin, child);
        Assert.That(await SpinnersMeterAsync(admin), Is.EqualTo((1L, (long?)2)), "supporting spinners never count");
    }
}
