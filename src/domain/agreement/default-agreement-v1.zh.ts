import type { AgreementDocument } from "./types";

/**
 * Default subscriber agreement, version 1, Simplified Chinese. Written for this project: it follows
 * the clause structure of a typical Chinese CA subscriber agreement (see DESIGN.md, clause map) so
 * that every clause number the code refers to ("1.4", "1.8", "3") means the same duty.
 */
export const defaultAgreementV1Zh: AgreementDocument = {
  title: "{{caShortName}}数字证书订户服务协议",
  notice:
    "重要提示：本协议含有限制或者免除{{caShortName}}责任、加重订户义务的条款，均已加粗显示。请您在接受本协议前逐条仔细阅读，特别是加粗部分。",
  preamble: [
    {
      number: "P1",
      text: "{{caName}}（以下简称“{{caShortName}}”）是依法取得电子认证服务许可的电子认证服务机构，依据《中华人民共和国电子签名法》为订户提供与数字证书相关的电子认证服务。本协议所称“订户”，是指数字证书的持有人以及申请使用数字证书的个人或者单位。",
      limitsLiability: false,
    },
    {
      number: "P2",
      text: "本协议确定订户与{{caShortName}}之间的权利和义务。订户在申请（含续期、更新）、下载或者使用{{caShortName}}签发的数字证书之前，应当阅读并同意本协议；不同意本协议任何条款的，请勿进行上述任何操作。订户一经申请（含续期、更新）、下载或者使用数字证书，即视为已同意本协议全部条款并愿意受其约束。",
      limitsLiability: false,
    },
  ],
  sections: [
    {
      number: "1",
      heading: "订户的权利和义务",
      clauses: [
        {
          number: "1.1",
          text: "订户应当按照{{caShortName}}及其注册机构（以下简称“RA”）规定的流程申请数字证书，并对所提交资料的真实性、完整性和合法性负责。以电子方式提交申请资料的，订户保证电子文件与原件内容一致。资料或者信息发生变化的，订户应当及时向{{caShortName}}或者受理其申请的RA（以下简称“原RA”）申请变更。因订户故意或者过失提交不真实的资料，或者信息变化后未及时申请变更而产生的一切后果，由订户自行承担。",
          limitsLiability: false,
        },
        {
          number: "1.2",
          text: "订户或者其授权经办人以签字、盖章或者在线点击确认等方式接受本协议的，即表示订户明确知悉并同意{{caShortName}}将其申请时提交的信息和资料用于电子签名、数字证书等相关业务，并据此向相关方提供证书查询服务。因项目需要仅提交电子版申请资料的，{{caShortName}}以实际收到的电子资料为依据制作数字证书。",
          limitsLiability: false,
        },
        {
          number: "1.3",
          text: "订户应当妥善保管数字证书、私钥及其保护口令，不得向他人泄露或者交付证书口令。因订户故意或者过失致使私钥或者保护口令被他人盗用、冒用、伪造或者篡改的，由此产生的全部风险和法律责任由订户承担。",
          limitsLiability: true,
        },
        {
          number: "1.4",
          text: "数字证书遗失或者被盗的，订户应当立即向{{caShortName}}或者原RA办理挂失或者撤销，具体手续按照{{caShortName}}的规定办理。{{caShortName}}自收到符合要求的书面撤销申请之时起24小时内撤销该数字证书。数字证书撤销之前，因使用该证书产生的一切责任由订户承担。",
          limitsLiability: true,
        },
        {
          number: "1.5",
          text: "订户应当在相应项目、系统或者平台的范围内使用数字证书。订户独立享有数字证书的使用权，但不得超出约定的使用范围，也不得利用数字证书从事违反法律法规或者危害国家安全的活动。因使用数字证书产生的责任由订户自行承担。",
          limitsLiability: false,
        },
        {
          number: "1.6",
          text: "订户在申请和使用数字证书的过程中，不得利用数字证书制作、复制、发布或者传播违法信息，应当遵守法律法规，尊重社会主义制度、国家利益、公民合法权益、公共秩序和社会公德。",
          limitsLiability: false,
        },
        {
          number: "1.7",
          text: "数字证书由订户本人、其授权代理人或者单位授权经办人领取并保管。订户选择邮寄方式的，以邮件签收时间为证书交付时间，邮件一经签收即视为订户已经收到证书。",
          limitsLiability: false,
        },
        {
          number: "1.8",
          text: "订户应当在收到数字证书后2个工作日内，通过测试页面{{testPageUrl}}（或者{{caShortName}}告知的其他方式）对证书进行测试。测试发现异常的（包括但不限于证书信息无法加载、证书测试不通过、印章测试不通过），订户应当在测试后立即向{{caShortName}}提出异议。订户在上述期限内未提出异议的，视为证书无异常，订户已接受该证书。",
          limitsLiability: true,
        },
        {
          number: "1.9",
          text: "订户应当按期支付数字证书服务费用。收费标准以{{caShortName}}网站（{{website}}）公布的为准，订户也可以向受理申请的RA咨询。",
          limitsLiability: false,
        },
      ],
    },
    {
      number: "2",
      heading: "{{caShortName}}的权利和义务",
      clauses: [
        {
          number: "2.1",
          text: "{{caShortName}}依法制定《{{cpsName}}》（以下简称“CPS”），并在其网站（{{website}}）公布。CPS规定了{{caShortName}}在数字证书的审核、签发、发布、存档和撤销等全生命周期管理中应当遵守的操作规范，明确了{{caShortName}}、RA和订户等各方的权利义务以及{{caShortName}}的责任范围。{{caShortName}}及其RA在开展证书业务时严格遵守CPS。",
          limitsLiability: false,
        },
        {
          number: "2.2",
          text: "{{caShortName}}在约定的测试期限内收到订户异议的，应当在收到异议后为订户提供咨询服务，或者为订户办理证书撤销或者变更手续。",
          limitsLiability: false,
        },
        {
          number: "2.3",
          text: "{{caShortName}}不介入证书使用各方之间的纠纷。应一方或者双方的请求，{{caShortName}}可以提供对数字证书、电子签名和时间戳的技术验证等调查取证支持。",
          limitsLiability: false,
        },
        {
          number: "2.4",
          text: "{{caShortName}}通过客户服务热线（{{hotline}}）和在线服务等渠道为订户提供服务支持，具体服务方式以{{caShortName}}网站（{{website}}）公布的信息为准。",
          limitsLiability: false,
        },
      ],
    },
    {
      number: "3",
      heading: "证书撤销",
      clauses: [
        {
          number: "3",
          text: "有下列情形之一的，{{caShortName}}有权主动撤销其签发的数字证书，且不因此承担任何责任：",
          items: [
            { label: "（一）", text: "订户申请证书时提交的资料或者信息不真实、不完整或者不准确；" },
            { label: "（二）", text: "与证书公钥相对应的私钥已经泄露，或者出现其他致使证书安全性无法保证的情形；" },
            { label: "（三）", text: "证书被用于申请时所声明用途以外的用途；" },
            {
              label: "（四）",
              text: "订户未履行或者违反法律法规、CPS、本协议或者双方其他协议规定的责任和义务；",
            },
            { label: "（五）", text: "{{caShortName}}认为可能对依赖方造成损害的其他情形，或者法律法规规定的其他情形。" },
          ],
          limitsLiability: true,
        },
      ],
    },
    {
      number: "4",
      heading: "证书更新",
      clauses: [
        {
          number: "4",
          text: "随着技术进步和系统升级，{{caShortName}}有权要求订户及时更新数字证书。订户收到{{caShortName}}的更新通知后，应当在通知规定的期限内办理证书更新；逾期未更新所产生的后果由订户自行承担。",
          limitsLiability: false,
        },
      ],
    },
    {
      number: "5",
      heading: "责任",
      clauses: [
        {
          number: "5.1",
          text: "因{{caShortName}}的原因，致使订户在依赖{{caShortName}}提供的电子认证服务时遭受直接损失的，{{caShortName}}依照CPS的规定承担赔偿责任。",
          limitsLiability: true,
        },
        {
          number: "5.2",
          text: "有下列情形之一的，{{caShortName}}不承担责任：",
          items: [
            { label: "（一）", text: "订户或者证书申请人提交的申请资料或者信息不真实、不完整或者不准确的；" },
            {
              label: "（二）",
              text: "因订户或者证书申请人的故意或者过失，致使证书私钥泄露，或者证书被盗用、冒用、伪造的；",
            },
            { label: "（三）", text: "订户或者证书申请人使用感染计算机病毒的终端设备而造成损失的；" },
            {
              label: "（四）",
              text: "在{{caShortName}}收到异议之前，订户或者证书申请人因使用证书而造成的损失，但以证书不可用并非{{caShortName}}签发原因所致，或者订户未在本协议第1.8条约定的期限内测试并提出异议为限；",
            },
            {
              label: "（五）",
              text: "因意外事件或者不可抗力导致服务延迟、暂停或者终止的。不可抗力是指不能预见、不能避免且不能克服的客观情况，包括但不限于自然灾害、社会异常事件、政府行为，以及电力、通信等相关单位的服务中断；",
            },
            { label: "（六）", text: "{{caShortName}}已审慎遵守法律法规和CPS的规定提供服务，仍然发生损失的。" },
          ],
          limitsLiability: true,
        },
        {
          number: "5.3",
          text: "由RA负责身份审核的证书，因RA的过错给订户造成损失的，由该RA承担全部赔偿责任。",
          limitsLiability: true,
        },
      ],
    },
    {
      number: "6",
      heading: "个人信息保护",
      clauses: [
        {
          number: "6.1",
          text: "{{caShortName}}停止经营电子认证业务的，将停止收集个人信息，以通知或者公告的方式告知订户，并按照《中华人民共和国个人信息保护法》等法律法规的要求删除订户的个人信息或者对其进行匿名化处理，法律、行政法规规定应当保存的除外。{{caShortName}}发生合并、重组、破产等情形的，将依照《电子认证服务管理办法》与承接其业务的电子认证服务机构签订协议，要求承接方承担相应的信息安全和数据安全责任。发生上述情形时，{{caShortName}}将提前六十日向主管部门报告，并按照主管部门的要求告知订户或者发布公告。",
          limitsLiability: false,
        },
        {
          number: "6.2",
          text: "{{caShortName}}与参与个人信息处理的第三方签订协议，约定严格的数据保护措施，要求其仅按照{{caShortName}}的委托目的、服务说明、本协议以及相关保密和安全措施处理订户的个人信息。{{caShortName}}违反法律法规收集、使用订户个人信息，订户要求删除的，{{caShortName}}将及时删除；涉及第三方的，{{caShortName}}将及时通知第三方删除相关材料，并立即停止与第三方的共享和转让。{{caShortName}}或者与其合作处理信息的第三方违反法律法规或者约定公开披露个人信息的，{{caShortName}}将立即停止公开披露，并通知相关第三方或者其他接收方删除相应信息。",
          limitsLiability: false,
        },
      ],
    },
    {
      number: "7",
      heading: "其他",
      clauses: [
        {
          number: "7.1",
          text: "{{caShortName}}有权修订本协议。修订后的协议将在{{caShortName}}网站（{{website}}）公布。",
          limitsLiability: false,
        },
        {
          number: "7.2",
          text: "订户个人信息保护的具体规则，请查阅{{caShortName}}网站公布的《{{privacyPolicyName}}》。",
          limitsLiability: false,
        },
        {
          number: "7.3",
          text: "本协议与{{caShortName}}网站公布的CPS共同构成双方关于电子认证服务的完整协议。本协议中涉及“原RA”的条款，如原RA因合并、撤销等原因不复存在，订户应当到{{caShortName}}另行指定的RA办理相关业务。",
          limitsLiability: false,
        },
        {
          number: "7.4",
          text: "本协议的订立、解释和履行适用中华人民共和国法律。双方发生争议的，应当首先友好协商解决；协商不成的，任何一方均可以将争议提交{{arbitrationInstitution}}，按照申请仲裁时该会现行有效的仲裁规则进行仲裁。仲裁裁决是终局的，对双方均有约束力。",
          limitsLiability: false,
        },
        {
          number: "7.5",
          text: "订户确认已经认真阅读并完全理解本协议各项条款。订户或者其授权经办人在申请表上签字或者盖章、在线确认接受本协议，或者进行证书在线更新、续期等操作的，即表示接受本协议的约束。本协议自接受之时起生效，并取代订户此前与{{caShortName}}订立的同类协议。",
          limitsLiability: false,
        },
      ],
    },
  ],
};
