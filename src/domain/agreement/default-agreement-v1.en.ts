import type { AgreementDocument } from "./types";

/**
 * Default subscriber agreement, version 1, English. Same clause numbers and the same
 * `limitsLiability` marks as the Chinese text; where the two differ in meaning, the Chinese
 * text governs (clause 7.4 applies PRC law).
 */
export const defaultAgreementV1En: AgreementDocument = {
  title: "{{caShortName}} Digital Certificate Subscriber Agreement",
  notice:
    "Important: this agreement contains clauses that limit or exclude the liability of {{caShortName}} or add to the subscriber's obligations. They are shown in bold. Read every clause carefully before you accept, especially those in bold.",
  preamble: [
    {
      number: "P1",
      text: "{{caName}} (\"{{caShortName}}\") is an electronic certification service provider licensed under the Electronic Signature Law of the People's Republic of China. It provides electronic certification services relating to digital certificates to subscribers. In this agreement, \"subscriber\" means the holder of a digital certificate and any individual or organisation that applies for or uses one.",
      limitsLiability: false,
    },
    {
      number: "P2",
      text: "This agreement sets out the rights and obligations of the subscriber and {{caShortName}}. Before applying for (including renewing or updating), downloading or using a certificate issued by {{caShortName}}, the subscriber must read and accept this agreement. If you do not accept any of its clauses, do not take any of those steps. By applying for (including renewing or updating), downloading or using a certificate, the subscriber is taken to have accepted every clause of this agreement and agrees to be bound by it.",
      limitsLiability: false,
    },
  ],
  sections: [
    {
      number: "1",
      heading: "Rights and obligations of the subscriber",
      clauses: [
        {
          number: "1.1",
          text: "The subscriber must apply for a certificate following the procedures of {{caShortName}} and its registration authorities (each an \"RA\"), and is responsible for the truth, completeness and lawfulness of the materials it provides. Where application materials are submitted electronically, the subscriber warrants that each electronic copy matches the original. If any information or material changes, the subscriber must promptly apply for a change to {{caShortName}} or to the RA that accepted its application (the \"original RA\"). The subscriber bears all consequences of providing untrue materials, whether intentionally or negligently, and of failing to apply for a change in time.",
          limitsLiability: false,
        },
        {
          number: "1.2",
          text: "When the subscriber or its authorized agent accepts this agreement by signature, seal or online confirmation, the subscriber expressly understands and agrees that {{caShortName}} may use the information and materials submitted with the application for electronic signature, digital certificate and related services, and may on that basis provide certificate query services to relevant parties. Where a project requires only electronic application materials, {{caShortName}} produces the certificate from the electronic materials it actually received.",
          limitsLiability: false,
        },
        {
          number: "1.3",
          text: "The subscriber must keep the certificate, its private key and the password protecting it safe, and must not disclose the password to anyone or hand it over. If, through the subscriber's intent or negligence, the private key or password is stolen, misused, forged or tampered with by another person, the subscriber bears all resulting risk and legal liability.",
          limitsLiability: true,
        },
        {
          number: "1.4",
          text: "If a certificate is lost or stolen, the subscriber must at once report the loss to, or request revocation from, {{caShortName}} or the original RA, following the procedures of {{caShortName}}. {{caShortName}} revokes the certificate within 24 hours of receiving a written revocation request that meets its requirements. The subscriber is liable for all use of the certificate until it is revoked.",
          limitsLiability: true,
        },
        {
          number: "1.5",
          text: "The subscriber may use the certificate only within the project, system or platform for which it was issued. The right to use the certificate belongs to the subscriber alone, but the subscriber must not use it beyond that scope or for any activity that breaks the law or endangers national security. The subscriber is liable for the consequences of its use of the certificate.",
          limitsLiability: false,
        },
        {
          number: "1.6",
          text: "While applying for and using a certificate, the subscriber must not use it to create, copy, publish or spread unlawful information. The subscriber must comply with the law and respect the socialist system, the national interest, the lawful rights and interests of citizens, public order and social morality.",
          limitsLiability: false,
        },
        {
          number: "1.7",
          text: "The certificate is collected and kept by the subscriber in person, by its authorized representative, or by the organisation's authorized agent. If the subscriber chooses delivery by mail, the time the item is signed for is the time of delivery, and once the item is signed for the subscriber has received the certificate.",
          limitsLiability: false,
        },
        {
          number: "1.8",
          text: "Within 2 working days after receiving the certificate, the subscriber must test it on the test page at {{testPageUrl}} (or by another method {{caShortName}} notifies). If a test shows a problem (including but not limited to certificate information failing to load, the certificate test failing, or the seal test failing), the subscriber must raise an objection with {{caShortName}} immediately after the test. If the subscriber raises no objection within that period, the certificate is deemed free of defects and accepted by the subscriber.",
          limitsLiability: true,
        },
        {
          number: "1.9",
          text: "The subscriber must pay the certificate service fees when due. The fees are those published on the website of {{caShortName}} ({{website}}); the RA handling the application can also advise on them.",
          limitsLiability: false,
        },
      ],
    },
    {
      number: "2",
      heading: "Rights and obligations of {{caShortName}}",
      clauses: [
        {
          number: "2.1",
          text: "{{caShortName}} has established, in accordance with the law, its Certification Practice Statement, {{cpsName}} (the \"CPS\"), and publishes it on its website ({{website}}). The CPS sets out the operating rules that {{caShortName}} follows throughout the certificate life cycle, including verification, issuance, publication, archiving and revocation, and defines the rights and obligations of {{caShortName}}, its RAs, subscribers and other parties, and the extent of {{caShortName}}'s liability. {{caShortName}} and its RAs comply strictly with the CPS in providing certificate services.",
          limitsLiability: false,
        },
        {
          number: "2.2",
          text: "If {{caShortName}} receives an objection from the subscriber within the agreed test period, it will, after receiving it, either provide consultation to the subscriber or carry out the revocation or change of the certificate.",
          limitsLiability: false,
        },
        {
          number: "2.3",
          text: "{{caShortName}} does not take part in disputes between the parties who use or rely on a certificate. At the request of one or both parties, it may support an investigation by providing technical verification of certificates, electronic signatures and timestamps and by helping to obtain evidence.",
          limitsLiability: false,
        },
        {
          number: "2.4",
          text: "{{caShortName}} supports subscribers through its customer service hotline ({{hotline}}) and online services. The channels available are those published on its website ({{website}}).",
          limitsLiability: false,
        },
      ],
    },
    {
      number: "3",
      heading: "Revocation",
      clauses: [
        {
          number: "3",
          text: "{{caShortName}} may revoke a certificate it has issued on its own initiative, without any liability, in any of the following cases:",
          items: [
            {
              label: "(1)",
              text: "the materials or information provided when the certificate was applied for are untrue, incomplete or inaccurate;",
            },
            {
              label: "(2)",
              text: "the private key corresponding to the public key in the certificate has been compromised, or the security of the certificate can otherwise no longer be assured;",
            },
            { label: "(3)", text: "the certificate has been used for a purpose other than the one stated in the application;" },
            {
              label: "(4)",
              text: "the subscriber has failed to perform, or has breached, its obligations under the law, the CPS, this agreement or any other agreement between the parties;",
            },
            {
              label: "(5)",
              text: "any other situation that {{caShortName}} considers may cause harm to relying parties, or any other situation provided for by law.",
            },
          ],
          limitsLiability: true,
        },
      ],
    },
    {
      number: "4",
      heading: "Update",
      clauses: [
        {
          number: "4",
          text: "As technology advances and systems are upgraded, {{caShortName}} may require the subscriber to update its certificate in good time. On receiving an update notice from {{caShortName}}, the subscriber must update the certificate within the period the notice sets. The subscriber bears the consequences of failing to update it in time.",
          limitsLiability: false,
        },
      ],
    },
    {
      number: "5",
      heading: "Liability",
      clauses: [
        {
          number: "5.1",
          text: "Where, for reasons attributable to {{caShortName}}, the subscriber suffers direct loss in relying on the electronic certification services of {{caShortName}}, {{caShortName}} will compensate that loss as provided in the CPS.",
          limitsLiability: true,
        },
        {
          number: "5.2",
          text: "{{caShortName}} is not liable in any of the following cases:",
          items: [
            {
              label: "(1)",
              text: "the subscriber or certificate applicant provided untrue, incomplete or inaccurate application materials or information;",
            },
            {
              label: "(2)",
              text: "through the intent or negligence of the subscriber or certificate applicant, the private key was compromised or the certificate was stolen, misused or forged;",
            },
            {
              label: "(3)",
              text: "loss is caused by the subscriber or certificate applicant using a device infected with a computer virus;",
            },
            {
              label: "(4)",
              text: "loss arises from the use of the certificate by the subscriber or certificate applicant before {{caShortName}} received an objection, where the certificate was unusable for reasons other than its issuance by {{caShortName}}, or where the subscriber did not test the certificate and object within the period set in clause 1.8;",
            },
            {
              label: "(5)",
              text: "service is delayed, suspended or terminated because of an accident or force majeure. Force majeure means objective circumstances that cannot be foreseen, avoided or overcome, including but not limited to natural disasters, exceptional social events, acts of government, and interruption of service by providers such as power and telecommunications companies;",
            },
            {
              label: "(6)",
              text: "loss occurs even though {{caShortName}} provided its services with due care and in compliance with the law and the CPS.",
            },
          ],
          limitsLiability: true,
        },
        {
          number: "5.3",
          text: "Where an RA is responsible for verifying the identity behind a certificate and the subscriber suffers loss through that RA's fault, the RA alone is liable to compensate the loss in full.",
          limitsLiability: true,
        },
      ],
    },
    {
      number: "6",
      heading: "Personal information",
      clauses: [
        {
          number: "6.1",
          text: "If {{caShortName}} ceases its electronic certification business, it will stop collecting personal information, inform subscribers by notice or public announcement, and delete or anonymise their personal information as required by the Personal Information Protection Law of the People's Republic of China and other laws, except information that laws or administrative regulations require it to keep. If {{caShortName}} merges, is reorganised, becomes bankrupt or the like, it will, in accordance with the Measures for the Administration of Electronic Certification Services, enter into an agreement with the certification service provider that takes over its business, requiring that provider to assume the corresponding information security and data security responsibilities. In any of these cases {{caShortName}} will report to the competent authority sixty days in advance and will inform subscribers or make a public announcement as the authority requires.",
          limitsLiability: false,
        },
        {
          number: "6.2",
          text: "{{caShortName}} enters into agreements with the third parties involved in processing personal information, setting strict data protection measures and requiring them to process subscribers' personal information only for the purposes {{caShortName}} entrusts to them and in accordance with its service descriptions, this agreement and the applicable confidentiality and security measures. If {{caShortName}} has collected or used a subscriber's personal information in breach of the law and the subscriber asks for it to be deleted, {{caShortName}} will delete it promptly; where third parties are involved, it will promptly instruct them to delete the relevant materials and will immediately stop sharing the information with or transferring it to them. If {{caShortName}}, or a third party processing information with it, publicly discloses personal information in breach of the law or of their agreements, {{caShortName}} will immediately stop the disclosure and instruct the third parties and other recipients concerned to delete the information.",
          limitsLiability: false,
        },
      ],
    },
    {
      number: "7",
      heading: "General",
      clauses: [
        {
          number: "7.1",
          text: "{{caShortName}} may revise this agreement. Revised versions are published on its website ({{website}}).",
          limitsLiability: false,
        },
        {
          number: "7.2",
          text: "The detailed rules for protecting subscribers' personal information are set out in the {{privacyPolicyName}} published on the website of {{caShortName}}.",
          limitsLiability: false,
        },
        {
          number: "7.3",
          text: "This agreement and the CPS published on the website of {{caShortName}} together form the entire agreement between the parties on electronic certification services. Where a clause of this agreement refers to the original RA and that RA no longer exists because it has merged or been closed, the subscriber must deal with the RA that {{caShortName}} designates in its place.",
          limitsLiability: false,
        },
        {
          number: "7.4",
          text: "The formation, interpretation and performance of this agreement are governed by the laws of the People's Republic of China. Any dispute between the parties shall first be settled by friendly negotiation; if negotiation fails, either party may submit the dispute to {{arbitrationInstitution}} for arbitration under its arbitration rules in force when arbitration is applied for. The arbitral award is final and binding on both parties.",
          limitsLiability: false,
        },
        {
          number: "7.5",
          text: "The subscriber confirms that it has read carefully and fully understands every clause of this agreement. When the subscriber or its authorized agent signs or seals the application form, confirms acceptance online, or renews or updates a certificate online or by a similar step, the subscriber agrees to be bound by this agreement. This agreement takes effect upon acceptance and replaces any earlier agreement of the same kind between the subscriber and {{caShortName}}.",
          limitsLiability: false,
        },
      ],
    },
  ],
};
