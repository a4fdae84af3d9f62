using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Common.Paging;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Admin.Queries.ListAllApiKeys;

public sealed class ListAllApiKeysValidator : AbstractValidator<ListAllApiKeysQuery>
{
    public ListAllApiKeysValidator()
    {
        this.AddPagingRules();
        RuleFor(x => x.Prefix).MaximumLength(40);
    }
}
