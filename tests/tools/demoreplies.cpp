// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "tests/tools/demoreplies.h"

namespace psm::demo {
namespace {

using testsupport::FaultRule;
using testsupport::ReplyRule;

// Needles as the Ollama provider writes the request body (compact JSON).
const QByteArray kLlama = "\"model\":\"llama3.2:3b\"";
const QByteArray kQwen = "\"model\":\"qwen2.5:7b\"";
const QByteArray kMistral = "\"model\":\"mistral:7b\"";
const QByteArray kHot = "\"temperature\":0.8";
// Text only HEAD's wording of the reply prompt has, and the fields prompt's instruction.
const QByteArray kHeadWording = "three sentences";
const QByteArray kOldWording = "Write a reply";
const QByteArray kFields = "Extract the refund request";

// The server splits answers on spaces to stream them, so texts use single spaces only.
const QString kQwenHot = QStringLiteral(
    "Hello, and thank you for letting us know. The second $49.00 charge on invoice INV-2291 is "
    "a duplicate, and I have refunded it. Per our refund policy, duplicate charges are returned "
    "within 5 business days; you will get a confirmation email once it is processed.");

} // namespace

QString DemoAnswers::llamaCold()
{
    return QStringLiteral(
        "Hi, thanks for flagging this. I can see two $49.00 charges for invoice INV-2291, and "
        "the second one is a duplicate. Under our refund policy duplicate charges are refunded "
        "within 5 business days, so the money will be back on your card soon.");
}

QString DemoAnswers::llamaHot()
{
    return QStringLiteral(
        "Hi, thanks for flagging this! I can see two $49.00 charges for invoice INV-2291; the "
        "second one is a duplicate and I have refunded it. Under our refund policy duplicate "
        "charges are refunded within 5 business days, so it should clear before your finance "
        "close on Friday.");
}

QString DemoAnswers::qwenCold()
{
    return kQwenHot; // at temperature 0.8 two of three repeats still say the same
}

QString DemoAnswers::qwenHotOther()
{
    return QStringLiteral(
        "Hello, thanks for getting in touch. I have refunded the duplicate $49.00 charge on "
        "INV-2291. Our refund policy returns duplicate charges within 5 business days, and we "
        "will email you as soon as it is on its way.");
}

QString DemoAnswers::mistralCold()
{
    return QStringLiteral(
        "Dear customer, we apologise for the inconvenience. Our records show that invoice "
        "INV-2291 was charged twice, and we have refunded the second payment of $49.00. In line "
        "with our refund policy, duplicate charges are refunded within 5 business days.");
}

QString DemoAnswers::llamaJson()
{
    return QStringLiteral("{\"invoice\": \"INV-2291\", \"amount\": 49.0, \"currency\": \"USD\", "
                          "\"reason\": \"duplicate charge\", \"deadline\": \"Friday\"}");
}

QString DemoAnswers::qwenJson()
{
    return QStringLiteral(
        "{\"invoice\": \"INV-2291\", \"amount\": 49, \"currency\": \"USD\", \"reason\": "
        "\"charged twice for the March invoice\", \"deadline\": null, \"refund_requested\": "
        "true}");
}

QList<ReplyRule> demoReplies()
{
    // The first rule that matches answers, so the specific ones come first.
    return {
        { { kFields, kLlama }, { DemoAnswers::llamaJson() } },
        { { kFields, kQwen }, { DemoAnswers::qwenJson() } },
        { { kFields, kMistral },
            { QStringLiteral("{\"invoice_id\": \"INV-2291\", \"amount\": \"$49.00\", \"reason\": "
                             "\"double charge\", \"deadline\": \"Friday\"}") } },
        { { kHeadWording, kLlama, kHot }, { DemoAnswers::llamaHot() } },
        { { kHeadWording, kLlama }, { DemoAnswers::llamaCold() } },
        { { kHeadWording, kQwen, kHot }, { kQwenHot, DemoAnswers::qwenHotOther(), kQwenHot } },
        { { kHeadWording, kQwen }, { DemoAnswers::qwenCold() } },
        { { kHeadWording, kMistral, kHot },
            { QStringLiteral("Dear customer, thank you for your patience while we looked into "
                             "invoice INV-2291.") } },
        { { kHeadWording, kMistral }, { DemoAnswers::mistralCold() } },
        // HEAD~1's wording: no length limit, no policy, so chattier answers that promise a date.
        { { kOldWording, kLlama },
            { QStringLiteral(
                "Hi there! Thank you so much for reaching out, and I'm really sorry to hear about "
                "the double charge. I've looked into your account and I can confirm that invoice "
                "INV-2291 was charged twice. I've gone ahead and processed a refund for the second "
                "$49.00 charge, and it will be back on your card by Friday, in time for your "
                "finance close. Is there anything else I can help you with today?") } },
        { { kOldWording, kQwen },
            { QStringLiteral(
                "Hello! Thank you for contacting Acme Cloud Storage support. I'm sorry for the "
                "trouble with your March invoice. I have checked invoice INV-2291 and confirmed "
                "the duplicate $49.00 charge. A refund has been issued and you should see it on "
                "your card by Friday. Please let me know if you have any other questions, and "
                "have a great day!") } },
        { { kOldWording, kMistral },
            { QStringLiteral(
                "Dear valued customer, thank you for contacting us about your March invoice. We "
                "sincerely apologise for charging you twice. We have refunded the duplicate "
                "$49.00 payment for INV-2291, and you will receive it before Friday. We "
                "appreciate your patience and your business.") } },
    };
}

QList<FaultRule> demoFaults(int chunkDelayMs)
{
    const QString pace
        = chunkDelayMs > 0 ? QStringLiteral(";chunk-delay=%1").arg(chunkDelayMs) : QString();
    QList<FaultRule> rules {
        { { kMistral, kHot }, QStringLiteral("stream-error") + pace, -1 },
    };
    if (chunkDelayMs > 0)
        rules.append({ {}, pace.mid(1), -1 }); // every other request: only the pace
    return rules;
}

} // namespace psm::demo
