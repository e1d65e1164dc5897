import { describe, expect, it } from 'vitest';
import { titleOf } from '../src/locate/title.js';
import { loadReport } from '../src/pipeline.js';

describe('agency and year from the title', () => {
  it('reads titles as real reports write them', () => {
    expect(titleOf('平潭综合实验区2019年政府信息公开工作年度报告')).toEqual({ agency: '平潭综合实验区', year: 2019 });
    expect(titleOf('平潭综合实验区海坛片区管理局2019年度政府信息公开工作年度报告')).toEqual({ agency: '平潭综合实验区海坛片区管理局', year: 2019 });
    expect(titleOf('平潭综合实验区自然资源与生态环境局2020年政府信息公开年度报告')).toEqual({ agency: '平潭综合实验区自然资源与生态环境局', year: 2020 });
    expect(titleOf('平潭综合实验区综合执法与应急管理局 2024年政府信息公开工作年度报告')).toEqual({ agency: '平潭综合实验区综合执法与应急管理局', year: 2024 });
    expect(titleOf('2019年上海市人民政府办公厅政府信息公开工作年度报告')).toEqual({ agency: '上海市人民政府办公厅', year: 2019 });
    expect(titleOf('２０２１年度襄阳市经济和信息化局政府信息公开工作年度报告')).toEqual({ agency: '襄阳市经济和信息化局', year: 2021 });
  });

  it('takes the agency from the line above when the title is split', () => {
    expect(titleOf('2023 年政府信息公开工作年度报告', '洪泽区人民政府')).toEqual({ agency: '洪泽区人民政府', year: 2023 });
    expect(titleOf('2023 年政府信息公开工作年度报告', '本报告由淮安市洪泽区人民政府办公室根据《中华人民共和')).toEqual({ year: 2023 });
  });

  it('does not take prose for a title', () => {
    expect(titleOf('本报告所列数据的统计期限自2019年1月1日起至2019年12月31日止。本报告的电子版可在平潭综合实验区党工委管委会政府门户网站的“政府信息公开专栏”中下载。')).toBeUndefined();
    expect(titleOf('二、主动公开政府信息情况')).toBeUndefined();
  });

  it('a CSV export’s title row fills in agency and year', async () => {
    const report = await loadReport('fixtures/seed/xiangyang-jxj-2021.csv');
    expect(report.data).toMatchObject({ agency: '襄阳市经济和信息化局', year: 2021 });
  });
});
